import { PortalRejectedError, PortalUnavailableError, SessionExpiredError } from '../portal-errors';
import { inPage } from './in-page';
import { fillForm, submitForm } from './in-page-steps';
import { PortalPage } from './portal-page';

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

const FORM = 'New vendor';

/** The "New vendor" form, read and filled through in-page finders: one round trip per step of a bulk entry. */
export class NewVendorPage extends PortalPage {
  async show(): Promise<this> {
    await this.open('/vendors/new');
    return this;
  }

  /**
   * Fills and submits the form. Returns the new vendor's id once its page shows; throws PortalRejectedError
   * when the portal shows field errors (nothing was saved), and a technical error when the answer is a fault.
   */
  async create(fields: NewVendorFields): Promise<string> {
    // Values are set as typing would leave them (value, input and change events): the portal's form has no script
    // that watches keys, and one round trip replaces five fills of a dozen protocol messages each.
    await fillForm(this.page, FORM, Object.fromEntries(FIELDS.map(({ key, label }) => [label, fields[key]])));
    const formPath = new URL(this.page.url()).pathname;
    const response = await submitForm(this.page, FORM, 'Create vendor', (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/vendors');
    const status = response.status();
    if (status >= 500) throw new PortalUnavailableError(`the portal answered ${status} to "Create vendor"`);
    // What follows reads the page the answer leads to, so it waits for that page rather than the form's.
    await this.page.waitForURL((url) => url.pathname !== formPath, { waitUntil: 'domcontentloaded' });
    if (status === 303 || status === 302) {
      const location = (await response.headerValue('location')) ?? '';
      const created = /^\/vendors\/([^/?]+)/.exec(location);
      if (created?.[1]) return decodeURIComponent(created[1]);
      if (location.startsWith('/login')) throw new SessionExpiredError('Create vendor');
      throw new PortalUnavailableError(`unexpected redirect after "Create vendor": ${location}`);
    }
    if (status === 422) throw await this.rejection();
    throw new PortalUnavailableError(`unexpected answer ${status} to "Create vendor"`);
  }

  /**
   * The portal's refusal as it shows it: the summary at the top of the form and the error next to each field,
   * found through the control's aria-describedby, not by layout.
   */
  async rejection(): Promise<PortalRejectedError> {
    const shown = await inPage(
      this.page,
      (find, { form: name, fields }) => {
        const form = find.byRole(document, 'form', name)[0];
        const summary = find
          .byRole(document, 'alert')
          .filter((alert) => find.text(alert).includes('Please correct the following'))
          .flatMap((alert) => find.byRole(alert, 'listitem').map((item) => find.text(item)));
        const errors: Array<{ field: string; message: string }> = [];
        for (const { key, label } of fields) {
          const control = form && find.control(form, label);
          if (control?.getAttribute('aria-invalid') !== 'true') continue;
          const ids = (control.getAttribute('aria-describedby') ?? '').split(/\s+/).filter((id) => id.endsWith('-error'));
          errors.push({ field: key, message: ids.map((id) => find.text(document.getElementById(id))).join(' ').trim() || 'invalid' });
        }
        return { summary, errors };
      },
      { form: FORM, fields: FIELDS },
    );
    return new PortalRejectedError(shown.errors, shown.summary);
  }
}
