import { PortalRejectedError, PortalUnavailableError, SessionExpiredError, type PortalFieldError } from '../portal-errors';
import { labelled, PortalPage, submitForResponse } from './portal-page';

export interface NewVendorFields {
  name: string;
  vatId: string;
  iban: string;
  email: string;
  address: string;
}

/** Label of each field on the form, and the field name the portal uses in its errors. */
const FIELDS: ReadonlyArray<{ key: keyof NewVendorFields; label: string }> = [
  { key: 'name', label: 'Vendor name' },
  { key: 'vatId', label: 'VAT ID' },
  { key: 'iban', label: 'IBAN' },
  { key: 'email', label: 'Email' },
  { key: 'address', label: 'Address' },
];

/** The "New vendor" form. */
export class NewVendorPage extends PortalPage {
  async show(): Promise<this> {
    await this.open('/vendors/new');
    return this;
  }

  /**
   * Fills and submits the form. Returns the new vendor's id; throws PortalRejectedError when the portal
   * shows field errors (nothing was saved), and a technical error when the answer is a fault.
   */
  async create(fields: NewVendorFields): Promise<string> {
    const form = this.page.getByRole('form', { name: 'New vendor' });
    for (const { key, label } of FIELDS) await form.getByLabel(labelled(label)).fill(fields[key]);
    const response = await submitForResponse(this.page, form.getByLabel(labelled('Vendor name')), (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/vendors');
    const status = response.status();
    if (status >= 500) throw new PortalUnavailableError(`the portal answered ${status} to "Create vendor"`);
    if (status === 303 || status === 302) {
      const location = (await response.headerValue('location')) ?? '';
      const created = /^\/vendors\/([^/?]+)/.exec(location);
      if (created?.[1]) return decodeURIComponent(created[1]);
      if (location.startsWith('/login')) throw new SessionExpiredError('Create vendor');
      throw new PortalUnavailableError(`unexpected redirect after "Create vendor": ${location}`);
    }
    await this.page.waitForLoadState('domcontentloaded');
    if (status === 422) throw new PortalRejectedError(await this.fieldErrors(), await this.summary());
    throw new PortalUnavailableError(`unexpected answer ${status} to "Create vendor"`);
  }

  /** Messages in the error summary at the top of the form. */
  async summary(): Promise<string[]> {
    const alert = this.page.getByRole('alert').filter({ hasText: 'Please correct the following' });
    return (await alert.getByRole('listitem').allTextContents()).map((t) => t.trim());
  }

  /** Errors next to each field: found through the control's aria-describedby, not by layout. */
  async fieldErrors(): Promise<PortalFieldError[]> {
    const form = this.page.getByRole('form', { name: 'New vendor' });
    const errors: PortalFieldError[] = [];
    for (const { key, label } of FIELDS) {
      const control = form.getByLabel(labelled(label));
      if ((await control.getAttribute('aria-invalid')) !== 'true') continue;
      const ids = ((await control.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter((id) => id.endsWith('-error'));
      const texts = await Promise.all(ids.map((id) => this.page.locator(`[id="${id}"]`).textContent()));
      errors.push({ field: key, message: texts.map((t) => (t ?? '').trim()).join(' ') || 'invalid' });
    }
    return errors;
  }
}
