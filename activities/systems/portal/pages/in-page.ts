import type { Page } from 'playwright-core';

/** A form control the tools can fill. */
export type FormControl = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

/** A portal page fetched by the page shown: its status, the path it ended at, and its parsed document. */
export interface FetchedPage {
  /** 0 when the request failed (no answer). */
  status: number;
  path: string;
  /** Whether the server redirected (the path is then the redirect's target). */
  redirected: boolean;
  url: string;
  doc: Document | null;
}

/**
 * What page-side steps use, inside the page, for the screens a bot works through many times a minute. A
 * Playwright locator costs a round trip per call and, on every new document, the set-up of Playwright's selector
 * engine; with these, one evaluate reads a whole table or fills a whole form.
 *
 * The finders cover the part of the accessibility rules the portal's markup uses (aria-labelledby, aria-label,
 * caption, label, text) and skip hidden elements, as locators do. fetchPage and showPage move between pages the
 * way Turbo Drive does: the page fetches the next one with its session and swaps it in, without a new document.
 */
export interface InPageTools {
  /** Text with runs of white space made one space, trimmed. */
  text(el: Element | null | undefined): string;
  /** The element's accessible name. */
  nameOf(el: Element): string;
  /** The element's role: explicit, else implicit from its tag. */
  roleOf(el: Element): string;
  /** Visible elements under root with this role (and this exact name, when given). */
  byRole(root: ParentNode, role: string, name?: string): Element[];
  /** The form's control whose label reads `label` (a trailing required-field star allowed). */
  control(form: Element, label: string): FormControl | undefined;
  /** Sets a control's value as typing would end: the value, then input and change events. */
  setValue(control: FormControl, value: string): void;
  /** Fetches a page of the same site with the page's cookies, following redirects, and parses it. */
  fetchPage(url: string, init?: RequestInit): Promise<FetchedPage>;
  /** Shows a fetched page in place of the current one, at its address. */
  showPage(page: FetchedPage): void;
}

/**
 * Builds the tools. It runs in the page (through its source text), so it may use nothing from outside its own
 * body.
 */
export function inPageTools(): InPageTools {
  const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
  const hidden = (el: Element) =>
    el.closest('[hidden], [aria-hidden="true"]') !== null || (el instanceof HTMLInputElement && el.type === 'hidden');
  const implicitRoles: Record<string, string> = {
    FORM: 'form',
    TABLE: 'table',
    SECTION: 'region',
    NAV: 'navigation',
    TEXTAREA: 'textbox',
    SELECT: 'combobox',
    BUTTON: 'button',
    UL: 'list',
    OL: 'list',
    LI: 'listitem',
    MAIN: 'main',
  };
  const inputRoles: Record<string, string> = {
    submit: 'button',
    button: 'button',
    reset: 'button',
    checkbox: 'checkbox',
    radio: 'radio',
    search: 'searchbox',
  };
  const roleOf = (el: Element): string => {
    const explicit = el.getAttribute('role')?.trim().split(/\s+/)[0];
    if (explicit) return explicit;
    if (/^H[1-6]$/.test(el.tagName)) return 'heading';
    if (el.tagName === 'A') return el.hasAttribute('href') ? 'link' : '';
    if (el.tagName === 'INPUT') return inputRoles[(el as HTMLInputElement).type] ?? 'textbox';
    return implicitRoles[el.tagName] ?? '';
  };
  const nameOf = (el: Element): string => {
    const labelledBy = el.getAttribute('aria-labelledby');
    if (labelledBy)
      return labelledBy
        .split(/\s+/)
        .map((id) => text(el.ownerDocument.getElementById(id)))
        .filter(Boolean)
        .join(' ');
    const label = el.getAttribute('aria-label')?.trim();
    if (label) return label;
    if (el instanceof HTMLTableElement) return text(el.caption);
    if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) {
      if (el instanceof HTMLInputElement && ['submit', 'button', 'reset'].includes(el.type)) return el.value.trim();
      return Array.from(el.labels ?? [])
        .map(text)
        .join(' ');
    }
    // Landmarks and forms are named only by the attributes above; headings, buttons and links by their text.
    return ['form', 'region', 'navigation', 'table', 'list', 'main'].includes(roleOf(el)) ? '' : text(el);
  };
  const byRole = (root: ParentNode, role: string, name?: string) =>
    Array.from(root.querySelectorAll('*')).filter(
      (el) => roleOf(el) === role && !hidden(el) && (name === undefined || nameOf(el) === name),
    );
  const control = (form: Element, label: string): FormControl | undefined => {
    const controls = Array.from((form as HTMLFormElement).elements ?? form.querySelectorAll('input, textarea, select'));
    return controls.find(
      (el): el is FormControl =>
        (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) &&
        !hidden(el) &&
        Array.from(el.labels ?? []).some((l) => text(l).replace(/\s*\*$/, '') === label),
    );
  };
  const setValue = (el: FormControl, value: string) => {
    el.focus();
    el.value = value;
    el.dispatchEvent(new Event('input', { bubbles: true }));
    el.dispatchEvent(new Event('change', { bubbles: true }));
  };
  const fetchPage = async (url: string, init?: RequestInit): Promise<FetchedPage> => {
    const answer = await fetch(url, { credentials: 'same-origin', redirect: 'follow', ...init }).catch(() => null);
    if (!answer) return { status: 0, path: new URL(url, location.href).pathname, redirected: false, url, doc: null };
    const type = answer.headers.get('content-type') ?? '';
    const doc = type.includes('html') ? new DOMParser().parseFromString(await answer.text(), 'text/html') : null;
    return {
      status: answer.status,
      path: new URL(answer.url).pathname,
      redirected: answer.redirected,
      url: answer.url,
      doc,
    };
  };
  const showPage = (page: FetchedPage) => {
    if (!page.doc) return;
    document.documentElement.replaceWith(document.adoptNode(page.doc.documentElement));
    history.replaceState(null, '', page.url);
  };
  return { text, nameOf, roleOf, byRole, control, setValue, fetchPage, showPage };
}

/**
 * Runs `fn(tools, arg)` in the page in one round trip. `fn` runs from its source text, so it must be
 * self-contained; `arg` and the result travel as JSON.
 */
export async function inPage<A, R>(page: Page, fn: (dom: InPageTools, arg: A) => R, arg: A): Promise<Awaited<R>> {
  // Transpilers that keep function names wrap inner functions in __name(), which the page does not have.
  const source = `(() => { const __name = (f) => f; return (${fn.toString()})((${inPageTools.toString()})(), ${JSON.stringify(arg)}); })()`;
  return (await page.evaluate(source)) as Awaited<R>;
}
