import type { Page } from 'playwright-core';

/** A form control the finders can fill. */
export type FormControl = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

/**
 * Finders by ARIA role, accessible name and label that run inside the page, for the screens a bot works
 * through many times a minute. A Playwright locator costs a round trip per call and, on every new document, the
 * set-up of Playwright's selector engine; these let one evaluate read a whole table or fill a whole form. They
 * cover the part of the accessibility rules the portal's markup uses (aria-labelledby, aria-label, caption,
 * label, text) and skip hidden elements, as locators do.
 */
export interface InPageFinders {
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
}

/**
 * Builds the finders. It runs in the page (through its source text), so it may use nothing from outside its
 * own body.
 */
export function inPageFinders(): InPageFinders {
  const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
  const hidden = (el: Element) => el.closest('[hidden], [aria-hidden="true"]') !== null || (el instanceof HTMLInputElement && el.type === 'hidden');
  const implicitRoles: Record<string, string> = { FORM: 'form', TABLE: 'table', SECTION: 'region', NAV: 'navigation', TEXTAREA: 'textbox', SELECT: 'combobox', BUTTON: 'button', UL: 'list', OL: 'list', LI: 'listitem', MAIN: 'main' };
  const inputRoles: Record<string, string> = { submit: 'button', button: 'button', reset: 'button', checkbox: 'checkbox', radio: 'radio', search: 'searchbox' };
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
    if (labelledBy) return labelledBy.split(/\s+/).map((id) => text(el.ownerDocument.getElementById(id))).filter(Boolean).join(' ');
    const label = el.getAttribute('aria-label')?.trim();
    if (label) return label;
    if (el instanceof HTMLTableElement) return text(el.caption);
    if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) {
      if (el instanceof HTMLInputElement && ['submit', 'button', 'reset'].includes(el.type)) return el.value.trim();
      return Array.from(el.labels ?? []).map(text).join(' ');
    }
    // Landmarks and forms are named only by the attributes above; headings, buttons and links by their text.
    return ['form', 'region', 'navigation', 'table', 'list', 'main'].includes(roleOf(el)) ? '' : text(el);
  };
  const byRole = (root: ParentNode, role: string, name?: string) =>
    Array.from(root.querySelectorAll('*')).filter((el) => roleOf(el) === role && !hidden(el) && (name === undefined || nameOf(el) === name));
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
  return { text, nameOf, roleOf, byRole, control, setValue };
}

/**
 * Runs `fn(finders, arg)` in the page in one round trip. `fn` runs from its source text, so it must be
 * self-contained; `arg` and the result travel as JSON.
 */
export async function inPage<A, R>(page: Page, fn: (find: InPageFinders, arg: A) => R, arg: A): Promise<Awaited<R>> {
  // Transpilers that keep function names wrap inner functions in __name(), which the page does not have.
  const source = `(() => { const __name = (f) => f; return (${fn.toString()})((${inPageFinders.toString()})(), ${JSON.stringify(arg)}); })()`;
  return (await page.evaluate(source)) as Awaited<R>;
}
