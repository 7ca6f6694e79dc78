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
    const section = this.page.getByRole('region', { name: 'Vendor details' });
    const details = {} as VendorDetails;
    for (const [key, testId] of Object.entries(TEST_IDS) as Array<[keyof VendorDetails, string]>) {
      details[key] = ((await section.getByTestId(testId).textContent()) ?? '').trim();
    }
    return details;
  }
}
