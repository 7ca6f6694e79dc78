import { CSRF_FIELD } from '../auth/csrf';
import type { Layout } from '../chaos';
import type { Page } from '../store/paging';
import type { FieldError } from '../store/schema';
import { attrs, html, join, type HtmlValue, type SafeHtml } from './html';

// Building blocks for every page, in two layouts. Both layouts give each control the same label and
// accessible name; v2 changes ids, classes, nesting and the order of fields, columns and links, so
// bots that locate by role and label keep working while bots that rely on CSS paths or positions break.

export interface FieldSpec {
  name: string;
  label: string;
  value?: string | undefined;
  type?: 'text' | 'email' | 'date' | 'password' | 'search' | 'textarea' | 'select' | undefined;
  options?: ReadonlyArray<{ value: string; label: string }> | undefined;
  required?: boolean | undefined;
  hint?: string | undefined;
  autocomplete?: string | undefined;
  inputMode?: 'decimal' | 'numeric' | undefined;
}

export interface FormSpec {
  action: string;
  method?: 'get' | 'post' | undefined;
  /** Accessible name of the form (role="form" needs one), e.g. "New vendor". */
  name: string;
  fields: readonly FieldSpec[];
  submit: string;
  errors?: readonly FieldError[] | undefined;
  hidden?: Record<string, string> | undefined;
  /** Extra content after the submit button (links such as "Cancel"). */
  after?: SafeHtml | undefined;
}

export interface Column<T> {
  header: string;
  cell: (row: T) => HtmlValue;
  numeric?: boolean | undefined;
}

export interface TableSpec<T> {
  caption: string;
  columns: readonly Column<T>[];
  rows: readonly T[];
  empty: string;
}

export interface DetailItem {
  label: string;
  value: HtmlValue;
  /** Stable hook for reading a value (data-testid), the same in both layouts. */
  testId?: string | undefined;
}

export interface ActionButtonSpec {
  action: string;
  label: string;
  fields?: readonly FieldSpec[] | undefined;
  hidden?: Record<string, string> | undefined;
  danger?: boolean | undefined;
}

/** First element moved to the end: the v2 reordering of fields, columns and detail rows. */
function rotate<T>(items: readonly T[]): T[] {
  return items.length < 2 ? [...items] : [...items.slice(1), items[0] as T];
}

export class Ui {
  /** csrfToken: put into every form that posts, so the portal can tell its own forms from a forged post. */
  constructor(
    readonly layout: Layout,
    readonly csrfToken?: string,
  ) {}

  /** The hidden CSRF field of a posting form (nothing on pages rendered without a token). */
  csrfField(): SafeHtml {
    return this.csrfToken ? html`<input type="hidden"${attrs({ name: CSRF_FIELD, value: this.csrfToken })}>` : html``;
  }

  private get v2(): boolean {
    return this.layout === 'v2';
  }

  /** Element id of a form control: different in each layout on purpose. */
  fieldId(name: string): string {
    return this.v2 ? `fld_${name}_x2` : `f-${name}`;
  }

  errorSummary(errors: readonly FieldError[] | undefined): SafeHtml {
    if (!errors || errors.length === 0) return html``;
    const items = errors.map((e) => html`<li>${e.message}</li>`);
    return this.v2
      ? html`<section class="msg msg--err" role="alert"><ul class="msg__list">${items}</ul><h2 class="msg__title">Please correct the following</h2></section>`
      : html`<div class="error-summary" role="alert"><h2 class="error-summary__title">Please correct the following</h2><ul>${items}</ul></div>`;
  }

  /** A single message in role="alert" (e.g. login failures). */
  alert(message: HtmlValue): SafeHtml {
    return this.v2
      ? html`<p class="msg msg--err" role="alert">${message}</p>`
      : html`<div class="alert alert-error" role="alert">${message}</div>`;
  }

  /** A success message in role="status". */
  notice(message: HtmlValue): SafeHtml {
    return this.v2
      ? html`<p class="msg msg--ok" role="status">${message}</p>`
      : html`<div class="alert alert-success" role="status">${message}</div>`;
  }

  field(spec: FieldSpec, errors: readonly FieldError[] = []): SafeHtml {
    const id = this.fieldId(spec.name);
    const own = errors.filter((e) => e.field === spec.name);
    const describedBy = [spec.hint ? `${id}-hint` : '', own.length > 0 ? `${id}-error` : ''].filter(Boolean).join(' ');
    const common = {
      id,
      name: spec.name,
      'aria-invalid': own.length > 0 ? 'true' : null,
      'aria-describedby': describedBy || null,
      'aria-required': spec.required ? 'true' : null,
      autocomplete: spec.autocomplete,
    };
    let control: SafeHtml;
    if (spec.type === 'textarea') {
      control = html`<textarea${attrs({ ...common, rows: 3 })}>${spec.value ?? ''}</textarea>`;
    } else if (spec.type === 'select') {
      const options = (spec.options ?? []).map(
        (o) => html`<option${attrs({ value: o.value, selected: o.value === (spec.value ?? '') })}>${o.label}</option>`,
      );
      control = html`<select${attrs(common)}>${options}</select>`;
    } else {
      control = html`<input${attrs({ ...common, type: spec.type ?? 'text', value: spec.value ?? '', inputmode: spec.inputMode })}>`;
    }
    // The required marker sits outside the <label>, so the label's text is exactly spec.label
    // (text-based locators such as an exact getByLabel read the label's whole text content).
    const marker = spec.required ? html`<span aria-hidden="true" class="req">*</span>` : '';
    const label = html`<span class="${this.v2 ? 'fgrp__lblline' : 'label-line'}"><label for="${id}">${spec.label}</label>${marker}</span>`;
    const hint = spec.hint
      ? html`<span id="${id}-hint" class="${this.v2 ? 'fgrp__hint' : 'hint'}">${spec.hint}</span>`
      : '';
    const error =
      own.length > 0
        ? html`<span id="${id}-error" class="${this.v2 ? 'fgrp__err' : 'field-error'}">${own.map((e) => e.message).join(' ')}</span>`
        : '';
    return this.v2
      ? html`<div class="fgrp"><div class="fgrp__ctl">${control}${error}</div>${label}${hint}</div>`
      : html`<div class="form-row">${label}${hint}${control}${error}</div>`;
  }

  form(spec: FormSpec): SafeHtml {
    const fields = (this.v2 ? rotate(spec.fields) : spec.fields).map((f) => this.field(f, spec.errors));
    const hidden = Object.entries(spec.hidden ?? {}).map(
      ([name, value]) => html`<input type="hidden"${attrs({ name, value })}>`,
    );
    const method = spec.method ?? 'post';
    // GET forms leave the token out: it would end up in URLs, logs and Referer headers.
    if (method === 'post') hidden.push(this.csrfField());
    const submit = html`<button type="submit" class="${this.v2 ? 'action-btn action-btn--main' : 'btn btn-primary'}">${spec.submit}</button>`;
    return this.v2
      ? html`<form class="frm-v2" method="${method}" action="${spec.action}" aria-label="${spec.name}" novalidate>${hidden}<div class="toolbar">${submit}${spec.after ?? ''}</div><div class="frm-v2__body">${fields}</div></form>`
      : html`<form class="form" method="${method}" action="${spec.action}" aria-label="${spec.name}" novalidate>${hidden}${fields}<div class="form-actions">${submit}${spec.after ?? ''}</div></form>`;
  }

  /** A one-button form for actions such as "Reverse posting" or "Sign out". */
  actionButton(spec: ActionButtonSpec): SafeHtml {
    const hidden = Object.entries(spec.hidden ?? {}).map(
      ([name, value]) => html`<input type="hidden"${attrs({ name, value })}>`,
    );
    hidden.push(this.csrfField());
    const fields = (spec.fields ?? []).map((f) => this.field(f));
    const cls = this.v2
      ? `action-btn${spec.danger ? ' action-btn--warn' : ''}`
      : `btn${spec.danger ? ' btn-danger' : ' btn-secondary'}`;
    return html`<form class="${this.v2 ? 'inline-v2' : 'inline-form'}" method="post" action="${spec.action}" novalidate>${hidden}${fields}<button type="submit" class="${cls}">${spec.label}</button></form>`;
  }

  table<T>(spec: TableSpec<T>): SafeHtml {
    const columns = this.v2 ? rotate(spec.columns) : [...spec.columns];
    const head = columns.map(
      (c) => html`<th scope="col"${attrs({ class: c.numeric ? 'num' : null })}>${c.header}</th>`,
    );
    const body =
      spec.rows.length === 0
        ? html`<tr><td colspan="${columns.length}">${spec.empty}</td></tr>`
        : spec.rows.map(
            (row) =>
              html`<tr>${columns.map((c) => html`<td${attrs({ class: c.numeric ? 'num' : null })}>${c.cell(row)}</td>`)}</tr>`,
          );
    return this.v2
      ? html`<div class="grid-wrap"><table class="grid-tbl"><caption class="grid-tbl__cap">${spec.caption}</caption><thead class="grid-tbl__head"><tr>${head}</tr></thead><tbody>${body}</tbody></table></div>`
      : html`<table class="data-table"><caption>${spec.caption}</caption><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
  }

  details(title: string, items: readonly DetailItem[]): SafeHtml {
    const ordered = this.v2 ? rotate(items) : [...items];
    const pair = (item: DetailItem) =>
      html`<dt>${item.label}</dt><dd${attrs({ 'data-testid': item.testId })}>${item.value}</dd>`;
    return this.v2
      ? html`<section class="card-v2" aria-label="${title}"><dl class="kv-v2">${ordered.map(pair)}</dl><h2 class="card-v2__title">${title}</h2></section>`
      : html`<section class="details" aria-label="${title}"><h2>${title}</h2><dl>${ordered.map((i) => html`<div class="details__row">${pair(i)}</div>`)}</dl></section>`;
  }

  /** "Showing 1–20 of 57 vendors", with Previous page / Next page links. */
  pager(page: Page<unknown>, hrefFor: (page: number) => string, noun: string): SafeHtml {
    const first = page.total === 0 ? 0 : (page.page - 1) * page.pageSize + 1;
    const last = Math.min(page.total, page.page * page.pageSize);
    const summary = html`<p class="${this.v2 ? 'pg-v2__sum' : 'pager__summary'}">Showing ${first}–${last} of ${page.total} ${noun} (page ${page.page} of ${page.pageCount})</p>`;
    const prev = page.page > 1 ? html`<a rel="prev" href="${hrefFor(page.page - 1)}">Previous page</a>` : '';
    const next = page.page < page.pageCount ? html`<a rel="next" href="${hrefFor(page.page + 1)}">Next page</a>` : '';
    return this.v2
      ? html`<nav class="pg-v2" aria-label="Pagination">${next}${prev}${summary}</nav>`
      : html`<nav class="pager" aria-label="Pagination">${summary}${prev} ${next}</nav>`;
  }

  /** A row of links or buttons under a heading. */
  actions(items: readonly HtmlValue[]): SafeHtml {
    const ordered = this.v2 ? [...items].reverse() : items;
    return html`<div class="${this.v2 ? 'toolbar' : 'page-actions'}">${join(ordered, ' ')}</div>`;
  }
}
