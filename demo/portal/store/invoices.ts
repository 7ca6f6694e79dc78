import type { JsonDatabase } from './database';
import { nextId } from './ids';
import { formatAmount, lineNet, sumAmounts, taxOf, toCents } from './money';
import { paginate, type Page } from './paging';
import type { PurchasingRepository } from './purchasing';
import type { FieldError, Invoice, InvoiceLine, Result } from './schema';
import { decimalPlaces, parseDecimal, parseIsoDate } from './validation';
import type { VendorRepository } from './vendors';

export const CURRENCIES = ['EUR', 'USD', 'GBP', 'CHF', 'SEK', 'DKK', 'PLN'] as const;
export const MAX_INVOICE_LINES = 200;

/** Step 1 of invoice entry, as typed into the form. */
export interface InvoiceHeaderInput {
  vendorId: string;
  invoiceNumber: string;
  invoiceDate: string;
  dueDate: string;
  currency: string;
  purchaseOrderId: string;
  invoiceTotal: string;
}

export interface InvoiceHeader {
  vendorId: string;
  invoiceNumber: string;
  invoiceDate: string;
  dueDate: string;
  currency: string;
  purchaseOrderId: string | null;
  /** The gross total printed on the invoice: the control total the lines must add up to. */
  invoiceTotal: number;
}

/** Step 2: one line as typed into the form. */
export interface InvoiceLineInput {
  description: string;
  quantity: string;
  unitPrice: string;
  taxRate: string;
}

export interface DraftLine {
  description: string;
  quantity: number;
  unitPrice: number;
  taxRate: number;
}

export interface InvoiceQuery {
  vendorId?: string | undefined;
  invoiceNumber?: string | undefined;
  status?: Invoice['status'] | undefined;
  page?: number | undefined;
  pageSize?: number | undefined;
}

export function computeLine(line: DraftLine, lineNo: number): InvoiceLine {
  const netAmount = lineNet(line.quantity, line.unitPrice);
  const taxAmount = taxOf(netAmount, line.taxRate);
  return { lineNo, ...line, netAmount, taxAmount, grossAmount: sumAmounts([netAmount, taxAmount]) };
}

export function invoiceTotals(lines: readonly InvoiceLine[]): {
  netTotal: number;
  taxTotal: number;
  grossTotal: number;
} {
  return {
    netTotal: sumAmounts(lines.map((l) => l.netAmount)),
    taxTotal: sumAmounts(lines.map((l) => l.taxAmount)),
    grossTotal: sumAmounts(lines.map((l) => l.grossAmount)),
  };
}

/** One key per vendor and invoice number, case-insensitive: the duplicate-posting guard. */
function postingKey(vendorId: string, invoiceNumber: string): string {
  return `${vendorId.trim().toUpperCase()}|${invoiceNumber.trim().toUpperCase()}`;
}

export class InvoiceRepository {
  private byDocument = new Map<string, Invoice>();
  /** Posted (not reversed) invoice per vendor + invoice number. */
  private postedByKey = new Map<string, Invoice>();

  constructor(
    private readonly db: JsonDatabase,
    private readonly vendors: VendorRepository,
    private readonly purchasing: PurchasingRepository,
  ) {
    this.reindex();
  }

  reindex(): void {
    this.byDocument = new Map();
    this.postedByKey = new Map();
    for (const invoice of this.db.data.invoices) {
      this.byDocument.set(invoice.documentNumber, invoice);
      if (invoice.reversal) this.byDocument.set(invoice.reversal.documentNumber, invoice);
      if (invoice.status === 'posted')
        this.postedByKey.set(postingKey(invoice.vendorId, invoice.invoiceNumber), invoice);
    }
  }

  /** By document number; a reversal document number finds the invoice it reversed. */
  get(documentNumber: string): Invoice | undefined {
    return this.byDocument.get(documentNumber.trim().toUpperCase());
  }

  findPosted(vendorId: string, invoiceNumber: string): Invoice | undefined {
    return this.postedByKey.get(postingKey(vendorId, invoiceNumber));
  }

  all(): readonly Invoice[] {
    return this.db.data.invoices;
  }

  /** Exact (case-insensitive) match on vendor id and invoice number, for idempotent look-ups. */
  search(query: InvoiceQuery): Page<Invoice> {
    const vendorId = (query.vendorId ?? '').trim().toUpperCase();
    const number = (query.invoiceNumber ?? '').trim().toUpperCase();
    const matches = this.db.data.invoices.filter(
      (inv) =>
        (vendorId === '' || inv.vendorId === vendorId) &&
        (number === '' || inv.invoiceNumber.toUpperCase() === number) &&
        (query.status === undefined || inv.status === query.status),
    );
    return paginate(matches, query.page, query.pageSize);
  }

  count(vendorId: string, invoiceNumber: string): { total: number; posted: number; reversed: number } {
    const key = postingKey(vendorId, invoiceNumber);
    const matches = this.db.data.invoices.filter((inv) => postingKey(inv.vendorId, inv.invoiceNumber) === key);
    return {
      total: matches.length,
      posted: matches.filter((inv) => inv.status === 'posted').length,
      reversed: matches.filter((inv) => inv.status === 'reversed').length,
    };
  }

  validateHeader(input: InvoiceHeaderInput): Result<InvoiceHeader> {
    const errors: FieldError[] = [];
    const add = (field: string, message: string) => errors.push({ field, message });

    const vendorId = input.vendorId.trim().toUpperCase();
    const vendor = vendorId === '' ? undefined : this.vendors.get(vendorId);
    if (vendorId === '') add('vendorId', 'Vendor ID is required');
    else if (!vendor) add('vendorId', `Vendor ${vendorId} does not exist`);
    else if (!vendor.active)
      add('vendorId', `Vendor ${vendorId} (${vendor.name}) is inactive and cannot receive postings`);

    const invoiceNumber = input.invoiceNumber.trim();
    if (invoiceNumber === '') add('invoiceNumber', 'Invoice number is required');
    else if (invoiceNumber.length > 40) add('invoiceNumber', 'Invoice number must be at most 40 characters');
    else if (vendor) {
      const duplicate = this.findPosted(vendorId, invoiceNumber);
      if (duplicate) {
        add(
          'invoiceNumber',
          `Invoice ${duplicate.invoiceNumber} from vendor ${vendorId} is already posted as ${duplicate.documentNumber}`,
        );
      }
    }

    const invoiceDate = parseIsoDate(input.invoiceDate.trim());
    const dueDate = parseIsoDate(input.dueDate.trim());
    if (input.invoiceDate.trim() === '') add('invoiceDate', 'Invoice date is required');
    else if (!invoiceDate)
      add('invoiceDate', `Invoice date "${input.invoiceDate}" is not a valid date (use YYYY-MM-DD)`);
    if (input.dueDate.trim() === '') add('dueDate', 'Due date is required');
    else if (!dueDate) add('dueDate', `Due date "${input.dueDate}" is not a valid date (use YYYY-MM-DD)`);
    if (invoiceDate && dueDate && dueDate < invoiceDate)
      add('dueDate', 'Due date must be on or after the invoice date');

    const currency = input.currency.trim().toUpperCase();
    if (currency === '') add('currency', 'Currency is required');
    else if (!(CURRENCIES as readonly string[]).includes(currency))
      add('currency', `Currency ${currency} is not supported`);

    const poId = input.purchaseOrderId.trim().toUpperCase();
    if (poId !== '') {
      const po = this.purchasing.getOrder(poId);
      if (!po) add('purchaseOrderId', `Purchase order ${poId} does not exist`);
      else if (vendor && po.vendorId !== vendorId)
        add('purchaseOrderId', `Purchase order ${poId} belongs to vendor ${po.vendorId}, not ${vendorId}`);
      else if (po.currency !== currency && currency !== '')
        add('purchaseOrderId', `Purchase order ${poId} is in ${po.currency}, not ${currency}`);
    }

    const total = parseDecimal(input.invoiceTotal);
    if (input.invoiceTotal.trim() === '') add('invoiceTotal', 'Invoice total is required');
    else if (total === null)
      add('invoiceTotal', `Invoice total "${input.invoiceTotal}" is not a number (use digits and a dot, e.g. 1190.00)`);
    else if (total < 0) add('invoiceTotal', 'Invoice total must not be negative');
    else if (decimalPlaces(input.invoiceTotal) > 2) add('invoiceTotal', 'Invoice total can have at most 2 decimals');

    if (errors.length > 0) return { ok: false, errors };
    return {
      ok: true,
      value: {
        vendorId,
        invoiceNumber,
        invoiceDate: input.invoiceDate.trim(),
        dueDate: input.dueDate.trim(),
        currency,
        purchaseOrderId: poId === '' ? null : poId,
        invoiceTotal: total as number,
      },
    };
  }

  validateLine(input: InvoiceLineInput, existingLines: number): Result<DraftLine> {
    const errors: FieldError[] = [];
    const add = (field: string, message: string) => errors.push({ field, message });
    if (existingLines >= MAX_INVOICE_LINES)
      add('description', `An invoice can have at most ${MAX_INVOICE_LINES} lines`);
    const description = input.description.trim();
    if (description === '') add('description', 'Description is required');

    const quantity = parseDecimal(input.quantity);
    if (input.quantity.trim() === '') add('quantity', 'Quantity is required');
    else if (quantity === null) add('quantity', `Quantity "${input.quantity}" is not a number`);
    else if (quantity <= 0) add('quantity', 'Quantity must be greater than zero');
    else if (decimalPlaces(input.quantity) > 3) add('quantity', 'Quantity can have at most 3 decimals');

    const unitPrice = parseDecimal(input.unitPrice);
    if (input.unitPrice.trim() === '') add('unitPrice', 'Unit price is required');
    else if (unitPrice === null)
      add('unitPrice', `Unit price "${input.unitPrice}" is not a number (use digits and a dot, e.g. 12.50)`);
    else if (unitPrice < 0) add('unitPrice', 'Unit price must not be negative');
    else if (decimalPlaces(input.unitPrice) > 4) add('unitPrice', 'Unit price can have at most 4 decimals');

    const taxRate = parseDecimal(input.taxRate);
    if (input.taxRate.trim() === '') add('taxRate', 'Tax rate is required');
    else if (taxRate === null) add('taxRate', `Tax rate "${input.taxRate}" is not a number`);
    else if (taxRate < 0 || taxRate > 100) add('taxRate', 'Tax rate must be between 0 and 100 percent');

    if (errors.length > 0) return { ok: false, errors };
    return {
      ok: true,
      value: { description, quantity: quantity as number, unitPrice: unitPrice as number, taxRate: taxRate as number },
    };
  }

  /** Lines must exist and add up (gross, to the cent) to the invoice total from the header. */
  checkTotals(header: InvoiceHeader, lines: readonly DraftLine[]): FieldError[] {
    if (lines.length === 0) return [{ field: 'lines', message: 'Add at least one line before continuing' }];
    const { grossTotal } = invoiceTotals(lines.map((line, i) => computeLine(line, i + 1)));
    if (toCents(grossTotal) !== toCents(header.invoiceTotal)) {
      return [
        {
          field: 'lines',
          message: `The lines add up to ${formatAmount(grossTotal)} ${header.currency} gross, but the invoice total is ${formatAmount(header.invoiceTotal)} ${header.currency}`,
        },
      ];
    }
    return [];
  }

  /** Posts an invoice after checking everything again (the vendor or a duplicate may have changed since step 1). */
  async post(
    header: InvoiceHeader,
    lines: readonly DraftLine[],
    postedBy: string,
    now = new Date(),
  ): Promise<Result<Invoice>> {
    const recheck = this.validateHeader({
      ...header,
      purchaseOrderId: header.purchaseOrderId ?? '',
      invoiceTotal: header.invoiceTotal.toFixed(2),
    });
    if (!recheck.ok) return recheck;
    const totalErrors = this.checkTotals(header, lines);
    if (totalErrors.length > 0) return { ok: false, errors: totalErrors };
    const computed = lines.map((line, i) => computeLine(line, i + 1));
    const invoice: Invoice = {
      documentNumber: nextId(this.db.data.sequences, 'document'),
      vendorId: recheck.value.vendorId,
      invoiceNumber: recheck.value.invoiceNumber,
      invoiceDate: header.invoiceDate,
      dueDate: header.dueDate,
      currency: header.currency,
      purchaseOrderId: header.purchaseOrderId,
      lines: computed,
      ...invoiceTotals(computed),
      status: 'posted',
      postedAt: now.toISOString(),
      postedBy,
      reversal: null,
    };
    this.db.data.invoices.push(invoice);
    this.byDocument.set(invoice.documentNumber, invoice);
    this.postedByKey.set(postingKey(invoice.vendorId, invoice.invoiceNumber), invoice);
    await this.db.commit();
    return { ok: true, value: invoice };
  }

  /** Compensation: marks the posting reversed under a new document number; the invoice number becomes free again. */
  async reverse(
    documentNumber: string,
    reason: string,
    reversedBy: string,
    now = new Date(),
  ): Promise<Result<Invoice>> {
    const invoice = this.get(documentNumber);
    if (!invoice || invoice.documentNumber !== documentNumber.trim().toUpperCase()) {
      return { ok: false, errors: [{ field: 'documentNumber', message: `Document ${documentNumber} does not exist` }] };
    }
    if (invoice.reversal) {
      return {
        ok: false,
        errors: [
          {
            field: 'documentNumber',
            message: `Document ${invoice.documentNumber} is already reversed by ${invoice.reversal.documentNumber}`,
          },
        ],
      };
    }
    if (reason.trim().length > 500)
      return { ok: false, errors: [{ field: 'reason', message: 'Reversal reason must be at most 500 characters' }] };
    invoice.status = 'reversed';
    invoice.reversal = {
      documentNumber: nextId(this.db.data.sequences, 'document'),
      reversedAt: now.toISOString(),
      reversedBy,
      reason: reason.trim(),
    };
    this.byDocument.set(invoice.reversal.documentNumber, invoice);
    this.postedByKey.delete(postingKey(invoice.vendorId, invoice.invoiceNumber));
    await this.db.commit();
    return { ok: true, value: invoice };
  }
}
