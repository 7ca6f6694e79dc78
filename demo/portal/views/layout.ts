import { html, raw, type HtmlValue, type SafeHtml } from './html';
import type { Ui } from './ui';

export interface PageUser {
  username: string;
  displayName: string;
}

export interface PageSpec {
  title: string;
  body: HtmlValue;
  user?: PageUser | null | undefined;
  /** Which nav link is the current page. */
  section?: string | undefined;
}

export const NAV_LINKS: ReadonlyArray<{ href: string; label: string }> = [
  { href: '/', label: 'Dashboard' },
  { href: '/vendors', label: 'Vendors' },
  { href: '/purchase-orders', label: 'Purchase orders' },
  { href: '/goods-receipts', label: 'Goods receipts' },
  { href: '/invoices', label: 'Invoices' },
  { href: '/employees', label: 'Employees' },
  { href: '/payroll-runs', label: 'Payroll runs' },
];

const STYLE_V1 = `
body{font-family:Arial,Helvetica,sans-serif;margin:0;color:#222;background:#f4f4f4}
.topbar{background:#1f3a5f;color:#fff;padding:8px 16px;display:flex;gap:24px;align-items:center;flex-wrap:wrap}
.topbar a{color:#fff}.brand{font-weight:bold}
.nav-horizontal ul{list-style:none;display:flex;gap:14px;margin:0;padding:0}
.nav-horizontal a[aria-current=page]{text-decoration:none;font-weight:bold}
.userbox{margin-left:auto;display:flex;gap:8px;align-items:center}
.container{background:#fff;margin:16px;padding:16px 24px;border:1px solid #ccc}
.form-row{display:flex;flex-direction:column;margin:0 0 12px;max-width:480px}
.form-row input,.form-row select,.form-row textarea{padding:4px}
.label-line .req{margin-left:4px}.hint{font-size:.85em;color:#555}.field-error{color:#a00;font-size:.9em}.req{color:#a00}
.error-summary,.alert-error{border:2px solid #a00;background:#fee;padding:8px 12px;margin:0 0 12px}
.error-summary__title{font-size:1em;margin:0}
.alert-success{border:2px solid #070;background:#efe;padding:8px 12px;margin:0 0 12px}
.data-table{border-collapse:collapse;width:100%;margin:8px 0}
.data-table th,.data-table td{border:1px solid #bbb;padding:4px 8px;text-align:left}
.data-table caption{text-align:left;font-weight:bold;padding:4px 0}
.num{text-align:right!important}
.details dl{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px}
.details__row{display:contents}.details dd{margin:0;white-space:pre-line}
.btn{padding:4px 12px;cursor:pointer}.btn-primary{background:#1f3a5f;color:#fff;border:1px solid #1f3a5f}
.btn-danger{background:#a00;color:#fff;border:1px solid #a00}
.inline-form{display:inline-block;margin:0 8px 8px 0}
.page-actions{margin:8px 0 16px;display:flex;gap:12px;align-items:center}
.steps{display:flex;gap:16px;list-style:none;padding:0}.steps [aria-current=step]{font-weight:bold}
`;

const STYLE_V2 = `
body{font-family:Verdana,sans-serif;margin:0;background:#fafafa;color:#111}
.shell-v2{display:grid;grid-template-columns:1fr 220px;min-height:100vh}
.shell-v2__hdr{grid-column:1/3;background:#3b2f63;color:#fff;padding:10px 20px;display:flex;justify-content:space-between}
.shell-v2__hdr a{color:#fff}
.panel{padding:20px 28px;grid-row:2}
.sidebar{grid-row:2;grid-column:2;background:#ece9f5;padding:16px;border-left:1px solid #ccc}
.nav-v2-vertical ol{list-style:none;padding:0;margin:0;display:flex;flex-direction:column;gap:8px}
.fgrp{display:flex;flex-direction:column-reverse;margin-bottom:14px;max-width:520px}
.fgrp__ctl{display:flex;flex-direction:column}.fgrp__lblline .req{margin-left:3px}.fgrp__err{color:#b00}.fgrp__hint{color:#666;font-size:.8em}
.msg{padding:10px;margin:0 0 14px}.msg--err{background:#fdd;border-left:6px solid #b00}.msg--ok{background:#dfd;border-left:6px solid #080}
.grid-tbl{border-collapse:separate;border-spacing:0 4px;width:100%}.grid-tbl td,.grid-tbl th{padding:6px;background:#fff}
.grid-tbl__cap{caption-side:bottom;font-style:italic}
.kv-v2{display:grid;grid-template-columns:200px 1fr}.kv-v2 dd{white-space:pre-line}
.toolbar{display:flex;gap:10px;flex-direction:row-reverse;justify-content:flex-end;margin:10px 0}
.action-btn{border-radius:12px;padding:6px 14px;border:1px solid #3b2f63;background:#fff}
.action-btn--main{background:#3b2f63;color:#fff}.action-btn--warn{border-color:#b00;color:#b00}
.inline-v2{display:block;margin:6px 0}
.pg-v2{display:flex;gap:10px;flex-direction:row-reverse;justify-content:flex-end}
.num{text-align:right}
.steps{list-style:none;padding:0;display:flex;gap:20px;color:#555}.steps [aria-current=step]{color:#3b2f63;text-decoration:underline}
`;

function navLinks(section: string | undefined, ordered: ReadonlyArray<{ href: string; label: string }>): SafeHtml[] {
  return ordered.map(
    (l) => html`<li><a href="${l.href}"${raw(l.href === section ? ' aria-current="page"' : '')}>${l.label}</a></li>`,
  );
}

function userBox(ui: Ui, user: PageUser): SafeHtml {
  const signOut = html`<form method="post" action="/logout" class="${ui.layout === 'v2' ? 'inline-v2' : 'inline-form'}">${ui.csrfField()}<button type="submit" class="${ui.layout === 'v2' ? 'action-btn' : 'btn'}">Sign out</button></form>`;
  return html`<span>Signed in as <strong>${user.displayName}</strong> (${user.username})</span>${signOut}`;
}

/** The page's CSRF token for scripts and plain HTTP clients, which post without reading a form. */
function csrfMeta(ui: Ui): SafeHtml {
  return ui.csrfToken ? html`<meta name="csrf-token" content="${ui.csrfToken}">` : html``;
}

/** The page shell: v1 has a top bar with a horizontal nav; v2 a header and a sidebar nav placed after the content. */
export function renderPage(ui: Ui, spec: PageSpec): string {
  const title = `${spec.title} – Back Office`;
  const user = spec.user ?? null;
  if (ui.layout === 'v2') {
    const nav = user
      ? html`<aside class="sidebar"><nav id="sidenav" class="nav-v2-vertical" aria-label="Main navigation"><ol>${navLinks(spec.section, [...NAV_LINKS].reverse())}</ol></nav></aside>`
      : '';
    return html`<!doctype html><html lang="en"><head><meta charset="utf-8">${csrfMeta(ui)}<title>${title}</title><style>${raw(STYLE_V2)}</style></head><body><div class="shell-v2"><header class="shell-v2__hdr"><span class="logo-v2">ACME Back Office · ERP 2</span>${user ? html`<div class="usr-v2">${userBox(ui, user)}</div>` : ''}</header><main id="workspace" class="panel main-panel">${spec.body}</main>${nav}</div></body></html>`
      .value;
  }
  const nav = user
    ? html`<nav id="main-nav" class="nav-horizontal" aria-label="Main navigation"><ul>${navLinks(spec.section, NAV_LINKS)}</ul></nav>`
    : '';
  return html`<!doctype html><html lang="en"><head><meta charset="utf-8">${csrfMeta(ui)}<title>${title}</title><style>${raw(STYLE_V1)}</style></head><body><header class="topbar"><span class="brand">ACME Back Office</span>${nav}${user ? html`<div class="userbox">${userBox(ui, user)}</div>` : ''}</header><main id="content" class="container">${spec.body}</main><footer class="container"><small>Legacy ERP/HR system</small></footer></body></html>`
    .value;
}
