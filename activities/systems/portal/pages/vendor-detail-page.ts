import { PortalUnavailableError } from '../portal-errors';
import { inPage } from './in-page';
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
    // Right after "Create vendor" the portal already shows the new vendor: no page load then.
    let texts = new URL(this.page.url()).pathname === path ? await this.details(vendorId) : null;
    if (!texts) {
      const response = await this.open(path);
      if (response?.status() === 404) return undefined;
      texts = await this.details(vendorId);
    }
    if (!texts || texts.some((t) => t === null))
      throw new PortalUnavailableError('the vendor page did not show every detail');
    return Object.fromEntries(Object.keys(TEST_IDS).map((key, i) => [key, texts[i] ?? ''])) as unknown as VendorDetails;
  }

  /** Every value in one round trip, when the page is this vendor's (its heading) and shows its details region. */
  private details(vendorId: string): Promise<Array<string | null> | null> {
    return inPage(
      this.page,
      (dom, { heading, ids }) => {
        if (!dom.byRole(document, 'heading', heading).some((h) => h.tagName === 'H1')) return null;
        const section = dom.byRole(document, 'region', 'Vendor details')[0];
        if (!section) return null;
        return ids.map((id) => section.querySelector(`[data-testid="${id}"]`)?.textContent?.trim() ?? null);
      },
      { heading: `Vendor ${vendorId}`, ids: Object.values(TEST_IDS) },
    );
  }
}
