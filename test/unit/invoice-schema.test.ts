import { describe, expect, it } from 'vitest';
import { computeTotals, invoiceBusinessKey, invoiceSchema } from '../../schemas/invoices/invoice';
import { fieldErrors } from '../../schemas/engine/validation';
import { validateInvoices } from '../../client/invoices/read-invoice-file';
import { invoiceDocument, sampleInvoice } from '../fixtures/invoices';

function errorsOf(input: unknown) {
  const parsed = invoiceSchema.safeParse(input);
  return parsed.success ? [] : fieldErrors(parsed.error);
}

describe('invoice schema', () => {
  it('accepts a consistent invoice', () => {
    expect(errorsOf(sampleInvoice())).toEqual([]);
  });

  it('names each bad field and the reason', () => {
    const errors = errorsOf({
      ...sampleInvoice(),
      vendorId: 'ACME',
      currency: 'EUX',
      invoiceDate: '2026-02-30',
      lines: [],
    });
    expect(errors).toEqual(
      expect.arrayContaining([
        { path: 'vendorId', message: 'must look like V-0001' },
        { path: 'currency', message: 'is not a known ISO 4217 currency code' },
        { path: 'invoiceDate', message: 'must be a date as YYYY-MM-DD' },
        { path: 'lines', message: 'must hold at least one line' },
      ]),
    );
  });

  it('reports a missing required field by name', () => {
    const { vendorName: _omitted, ...rest } = sampleInvoice();
    expect(errorsOf(rest).map((e) => e.path)).toEqual(['vendorName']);
  });

  it('refuses totals that do not add up, with the computed figure', () => {
    const errors = errorsOf(sampleInvoice({ taxTotal: 81.3, total: 509.3 }));
    expect(errors).toContainEqual({ path: 'taxTotal', message: 'is 81.3 but the lines add up to 81.32' });
    expect(errors).toContainEqual({ path: 'total', message: 'is 509.3 but the lines add up to 509.32' });
  });

  it('rounds per currency: JPY has no minor units, BHD has three', () => {
    expect(computeTotals([{ description: 'x', quantity: 3, unitPrice: 333, taxRate: 10 }], 'JPY')).toEqual({
      subtotal: 999,
      taxTotal: 100,
      total: 1099,
    });
    expect(
      errorsOf(
        sampleInvoice({
          currency: 'JPY',
          lines: [{ description: 'x', quantity: 1, unitPrice: 100.5, taxRate: 0 }],
          subtotal: 100.5,
          taxTotal: 0,
          total: 100.5,
        }),
      ).map((e) => e.path),
    ).toContain('total');
    expect(computeTotals([{ description: 'x', quantity: 1, unitPrice: 1.2345, taxRate: 0 }], 'BHD').total).toBe(1.235);
  });

  it('refuses a due date before the invoice date', () => {
    expect(errorsOf(sampleInvoice({ dueDate: '2026-10-01' }))).toContainEqual({
      path: 'dueDate',
      message: 'must not be before invoiceDate',
    });
  });

  it('validates each item of a batch on its own', () => {
    const results = validateInvoices([invoiceDocument(), { invoiceNumber: 'BAD-1' }, invoiceDocument()], {
      submittedBy: 'clerk',
    });
    expect(results.map((r) => r.ok)).toEqual([true, false, true]);
    expect(results[1]?.label).toBe('#2 (BAD-1)');
  });

  it('derives the business key from vendor and normalised invoice number', () => {
    expect(invoiceBusinessKey({ vendorId: 'V-0007', invoiceNumber: ' inv-9 ' })).toBe('invoice:V-0007:INV-9');
  });
});
