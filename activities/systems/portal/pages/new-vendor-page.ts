import { PortalRejectedError, PortalUnavailableError } from '../portal-errors';
import { inPage } from './in-page';
import { fillForm, postForm } from './in-page-steps';
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
   * Fills and submits the form. Returns the new vendor's id, its page shown; throws PortalRejectedError when
   * the portal shows field errors (nothing was saved), and a technical error when the answer is a fault.
   */
  async create(fields: NewVendorFields): Promise<string> {
    // Values are set as typing would leave them (value, input and change events): the portal's form has no script
    // that watches keys, and one round trip replaces five fills of a dozen protocol messages each.
    await fillForm(this.page, FORM, Object.fromEntries(FIELDS.map(({ key, label }) => [label, fields[key]])));
    const answer = await postForm(this.page, FORM, 'Create vendor');
    // Saved: the portal sends the browser to the new vendor's page (even when showing that page then fails).
    const created = answer.redirected ? /^\/vendors\/([^/?]+)$/.exec(answer.path) : null;
    if (created?.[1] && created[1] !== 'new') return decodeURIComponent(created[1]);
    if (answer.status === 0) throw new PortalUnavailableError('the portal did not answer "Create vendor"');
    this.checkAnswer(answer.status, answer.path, '"Create vendor"');
    if (answer.status === 422) throw await this.rejection();
    throw new PortalUnavailableError(`unexpected answer ${answer.status} to "Create vendor" (at ${answer.path})`);
  }

  /**
   * The portal's refusal as it shows it: the summary at the top of the form and the error next to each field,
   * found through the control's aria-describedby, not by layout.
   */
  async rejection(): Promise<PortalRejectedError> {
    const shown = await inPage(
      this.page,
      (dom, { form: name, fields }) => {
        const form = dom.byRole(document, 'form', name)[0];
        const summary = dom
          .byRole(document, 'alert')
          .filter((alert) => dom.text(alert).includes('Please correct the following'))
          .flatMap((alert) => dom.byRole(alert, 'listitem').map((item) => dom.text(item)));
        const errors: Array<{ field: string; message: string }> = [];
        for (const { key, label } of fields) {
          const control = form && dom.control(form, label);
          if (control?.getAttribute('aria-invalid') !== 'true') continue;
          const ids = (control.getAttribute('aria-describedby') ?? '')
            .split(/\s+/)
            .filter((id) => id.endsWith('-error'));
          errors.push({
            field: key,
            message:
              ids
                .map((id) => dom.text(document.getElementById(id)))
                .join(' ')
                .trim() || 'invalid',
          });
        }
        return { summary, errors };
      },
      { form: FORM, fields: FIELDS },
    );
    return new PortalRejectedError(shown.errors, shown.summary);
  }
}
