import type { JsonDatabase } from './database';
import { bumpSequence, nextId } from './ids';
import { paginate, type Page } from './paging';
import type { FieldError, Result, Vendor } from './schema';
import { emailProblem, ibanProblem, normalizeIban, normalizeVatId, vatIdProblem } from './validation';

export interface NewVendorInput {
  name: string;
  vatId: string;
  iban: string;
  email: string;
  address: string;
}

/** Bulk-load shape (admin route): ids are optional, checks are lighter than the form's. */
export interface VendorImport {
  id?: string | undefined;
  name: string;
  vatId: string;
  iban: string;
  email?: string | undefined;
  address?: string | undefined;
  active?: boolean | undefined;
}

export interface VendorQuery {
  q?: string | undefined;
  page?: number | undefined;
  pageSize?: number | undefined;
}

export class VendorRepository {
  private byId = new Map<string, Vendor>();
  private byVatId = new Map<string, Vendor>();

  constructor(private readonly db: JsonDatabase) {
    this.reindex();
  }

  reindex(): void {
    this.byId = new Map(this.db.data.vendors.map((v) => [v.id, v]));
    this.byVatId = new Map(this.db.data.vendors.map((v) => [v.vatId, v]));
  }

  get(id: string): Vendor | undefined {
    return this.byId.get(id.trim().toUpperCase());
  }

  findByVatId(vatId: string): Vendor | undefined {
    return this.byVatId.get(normalizeVatId(vatId));
  }

  /** How many vendors carry this VAT id: the exactly-once check for onboarding bots. */
  countByVatId(vatId: string): number {
    const normalized = normalizeVatId(vatId);
    return this.db.data.vendors.filter((v) => v.vatId === normalized).length;
  }

  all(): readonly Vendor[] {
    return this.db.data.vendors;
  }

  /** Search by name (substring), VAT id or vendor id; an exact VAT id match is listed first. */
  search(query: VendorQuery): Page<Vendor> {
    const q = (query.q ?? '').trim();
    let matches: Vendor[] = this.db.data.vendors;
    if (q !== '') {
      const lower = q.toLowerCase();
      const vat = normalizeVatId(q);
      const exact = this.byVatId.get(vat);
      matches = this.db.data.vendors.filter(
        (v) =>
          v !== exact &&
          (v.name.toLowerCase().includes(lower) ||
            (vat.length >= 2 && v.vatId.includes(vat)) ||
            v.id === q.toUpperCase()),
      );
      if (exact) matches.unshift(exact);
    }
    return paginate(matches, query.page, query.pageSize);
  }

  validateNew(input: NewVendorInput): FieldError[] {
    const errors: FieldError[] = [];
    const add = (field: string, message: string | null) => {
      if (message) errors.push({ field, message });
    };
    if (input.name.trim() === '') add('name', 'Vendor name is required');
    else if (input.name.trim().length > 120) add('name', 'Vendor name must be at most 120 characters');
    const vatId = normalizeVatId(input.vatId);
    const vatProblem = vatIdProblem(vatId);
    add('vatId', vatProblem);
    if (!vatProblem) {
      const existing = this.byVatId.get(vatId);
      if (existing) add('vatId', `A vendor with VAT ID ${vatId} already exists: ${existing.id} (${existing.name})`);
    }
    add('iban', ibanProblem(normalizeIban(input.iban)));
    add('email', emailProblem(input.email.trim()));
    if (input.address.trim() === '') add('address', 'Address is required');
    return errors;
  }

  /** Validates and creates a vendor; nothing changes when validation fails. */
  async create(input: NewVendorInput, createdBy: string, now = new Date()): Promise<Result<Vendor>> {
    const errors = this.validateNew(input);
    if (errors.length > 0) return { ok: false, errors };
    const vendor: Vendor = {
      id: nextId(this.db.data.sequences, 'vendor'),
      name: input.name.trim(),
      vatId: normalizeVatId(input.vatId),
      iban: normalizeIban(input.iban),
      email: input.email.trim(),
      address: input.address.trim(),
      active: true,
      createdAt: now.toISOString(),
      createdBy,
    };
    this.insert(vendor);
    await this.db.commit();
    return { ok: true, value: vendor };
  }

  async setActive(id: string, active: boolean): Promise<Vendor | undefined> {
    const vendor = this.get(id);
    if (!vendor) return undefined;
    if (vendor.active !== active) {
      vendor.active = active;
      await this.db.commit();
    }
    return vendor;
  }

  /** Loads many vendors at once. An item with an existing id replaces it; duplicate VAT ids are refused. */
  async importMany(items: readonly VendorImport[], now = new Date()): Promise<Result<Vendor[]>> {
    const errors: FieldError[] = [];
    const seenVat = new Map<string, string>();
    items.forEach((item, index) => {
      const vatId = normalizeVatId(item.vatId);
      const ownId = item.id?.toUpperCase();
      const holder = this.byVatId.get(vatId);
      if (holder && holder.id !== ownId) {
        errors.push({ field: `vendors[${index}].vatId`, message: `VAT ID ${vatId} already belongs to ${holder.id}` });
      }
      if (seenVat.has(vatId)) {
        errors.push({ field: `vendors[${index}].vatId`, message: `VAT ID ${vatId} appears twice in the batch` });
      }
      seenVat.set(vatId, String(index));
    });
    if (errors.length > 0) return { ok: false, errors };
    const created: Vendor[] = [];
    for (const item of items) {
      const id = item.id?.toUpperCase() ?? nextId(this.db.data.sequences, 'vendor');
      bumpSequence(this.db.data.sequences, 'vendor', id);
      const vendor: Vendor = {
        id,
        name: item.name,
        vatId: normalizeVatId(item.vatId),
        iban: normalizeIban(item.iban) || item.iban,
        email: item.email ?? '',
        address: item.address ?? '',
        active: item.active ?? true,
        createdAt: now.toISOString(),
        createdBy: 'admin-import',
      };
      const previous = this.byId.get(id);
      if (previous) {
        this.byVatId.delete(previous.vatId);
        const at = this.db.data.vendors.indexOf(previous);
        this.db.data.vendors[at] = vendor;
        this.byId.set(id, vendor);
        this.byVatId.set(vendor.vatId, vendor);
      } else {
        this.insert(vendor);
      }
      created.push(vendor);
    }
    await this.db.commit();
    return { ok: true, value: created };
  }

  private insert(vendor: Vendor): void {
    this.db.data.vendors.push(vendor);
    this.byId.set(vendor.id, vendor);
    this.byVatId.set(vendor.vatId, vendor);
  }
}
