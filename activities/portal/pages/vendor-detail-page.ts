import { PortalUnavailableError } from '../portal-errors';
import { PortalPage } from './portal-page';

export interface VendorDetails {
  vendorId: string;
  name: string;
  vatId: string;
  iban: string;
  email: string;
  address: string;
  status: string;
}

const TEST_IDS: Record<keyof VendorDetails, string> = {
  vendorId: 'vendor-id',
  name: 'vendor-name',
  vatId: 'vendor-vat-id',
  iban: 'vendor-iban',
  email: 'vendor-email',
  address: 'vendor-address',
  status: 'vendor-status',
};

/** One vendor's page: the read-back after entry. Values are read by the portal's stable test ids. */
export class VendorDetailPage extends PortalPage {
  /** The vendor, or undefined when the portal says it does not exist. */
  async read(vendorId: string): Promise<VendorDetails | undefined> {
    const path = `/vendors/${encodeURIComponent(vendorId)}`;
    // Right after "Create vendor" the portal already shows the new vendor.
    if (!(await this.showing(path, `Vendor ${vendorId}`))) {
      const response = await this.open(path);
      if (response?.status() === 404) return undefined;
    }
    // Every value in one round trip: the region by its role and name, the values by their test ids inside it.
    const section = this.page.getByRole('region', { name: 'Vendor details' });
    const texts = await section.evaluate(
      (el, ids) => ids.map((id) => el.querySelector(`[data-testid="${id}"]`)?.textContent?.trim() ?? null),
      Object.values(TEST_IDS),
    );
    if (texts.some((t) => t === null)) throw new PortalUnavailableError('the vendor page did not show every detail');
    return Object.fromEntries(Object.keys(TEST_IDS).map((key, i) => [key, texts[i] ?? ''])) as unknown as VendorDetails;
  }
}
