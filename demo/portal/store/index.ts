import path from 'node:path';
import { JsonDatabase } from './database';
import { InvoiceRepository } from './invoices';
import { PayrollRepository } from './payroll';
import { PurchasingRepository } from './purchasing';
import type { PortalData } from './schema';
import { createEmptyData, createSeedData } from './seed';
import { UserRepository } from './users';
import { VendorRepository } from './vendors';

export const STORE_FILE_NAME = 'portal-store.json';

export type SeedKind = 'default' | 'empty';

export interface StoreCounts {
  vendors: { total: number; active: number };
  purchaseOrders: number;
  goodsReceipts: number;
  invoices: { total: number; posted: number; reversed: number };
  employees: { total: number; active: number; terminated: number };
  payrollRuns: number;
  users: number;
}

/**
 * The portal's data, one repository per domain, all backed by one JSON file in the data directory.
 * Mutating methods resolve only after the change is on disk.
 */
export class PortalStore {
  readonly users: UserRepository;
  readonly vendors: VendorRepository;
  readonly purchasing: PurchasingRepository;
  readonly invoices: InvoiceRepository;
  readonly payroll: PayrollRepository;

  private constructor(
    private readonly db: JsonDatabase,
    /** True when this start created the file from seed data. */
    readonly seeded: boolean,
  ) {
    this.users = new UserRepository(db);
    this.vendors = new VendorRepository(db);
    this.purchasing = new PurchasingRepository(db, (id) => this.vendors.get(id) !== undefined);
    this.invoices = new InvoiceRepository(db, this.vendors, this.purchasing);
    this.payroll = new PayrollRepository(db);
  }

  /** Opens (or seeds) `<dataDir>/portal-store.json`. */
  static async open(dataDir: string, seed: SeedKind = 'default'): Promise<PortalStore> {
    const { db, seeded } = await JsonDatabase.open(path.join(dataDir, STORE_FILE_NAME), () => seedData(seed));
    return new PortalStore(db, seeded);
  }

  get file(): string {
    return this.db.file;
  }

  /** Throws away everything and starts again from seed data. */
  async reset(seed: SeedKind = 'default'): Promise<void> {
    this.db.data = seedData(seed);
    for (const repo of [this.vendors, this.purchasing, this.invoices, this.payroll]) repo.reindex();
    await this.db.commit();
  }

  counts(): StoreCounts {
    const d = this.db.data;
    return {
      vendors: { total: d.vendors.length, active: d.vendors.filter((v) => v.active).length },
      purchaseOrders: d.purchaseOrders.length,
      goodsReceipts: d.goodsReceipts.length,
      invoices: {
        total: d.invoices.length,
        posted: d.invoices.filter((i) => i.status === 'posted').length,
        reversed: d.invoices.filter((i) => i.status === 'reversed').length,
      },
      employees: {
        total: d.employees.length,
        active: d.employees.filter((e) => e.status === 'active').length,
        terminated: d.employees.filter((e) => e.status === 'terminated').length,
      },
      payrollRuns: d.payrollRuns.length,
      users: d.users.length,
    };
  }

  /** Resolves when every pending write is on disk. */
  flush(): Promise<void> {
    return this.db.flush();
  }
}

function seedData(kind: SeedKind): PortalData {
  return kind === 'empty' ? createEmptyData() : createSeedData();
}

export type { PortalData } from './schema';
export * from './schema';
export type { Page } from './paging';
export { SECURE_USER_TOTP_SECRET, SEED_USERS, SEED_INACTIVE_VENDOR_ID } from './seed';
