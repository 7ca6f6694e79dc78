import { describe, expect, it } from 'vitest';
import type { En16931DocumentInput } from '../../schemas/invoices/en16931/document';
import { validateEn16931 } from '../../schemas/invoices/en16931/validate';
import { creditNote, invoiceWithAllowanceChargePrepaidRounding } from './en16931-documents';

type Doc = En16931DocumentInput;

/** A copy of the correct invoice with one change. */
function broken(change: (doc: Doc) => void): Doc {
  const doc = invoiceWithAllowanceChargePrepaidRounding();
  change(doc);
  return doc;
}

function rulesOf(doc: unknown): string[] {
  return validateEn16931(doc).errors.map((error) => error.rule);
}

describe('EN 16931 totals', () => {
  it('accepts an invoice with a document allowance and charge, a return line, prepaid and rounding amounts', () => {
    expect(validateEn16931(invoiceWithAllowanceChargePrepaidRounding())).toEqual({ errors: [], warnings: [] });
  });

  it('accepts a credit note that names the invoice it corrects and has no due date but payment terms', () => {
    expect(validateEn16931(creditNote())).toEqual({ errors: [], warnings: [] });
  });

  const oneCentOff: Array<[string, string, (doc: Doc) => void]> = [
    ['BR-CO-10', 'totals.lineNet', (doc) => (doc.totals.lineNet = '370.31')],
    ['BR-CO-11', 'totals.allowances', (doc) => (doc.totals.allowances = '15.01')],
    ['BR-CO-12', 'totals.charges', (doc) => (doc.totals.charges = '5.01')],
    ['BR-CO-13', 'totals.taxExclusive', (doc) => (doc.totals.taxExclusive = '360.31')],
    ['BR-CO-14', 'totals.tax', (doc) => (doc.totals.tax = '51.07')],
    ['BR-CO-15', 'totals.taxInclusive', (doc) => (doc.totals.taxInclusive = '411.37')],
    ['BR-CO-16', 'totals.amountDue', (doc) => (doc.totals.amountDue = '311.36')],
    ['BR-CO-16', 'totals.amountDue', (doc) => (doc.totals.prepaid = '100.01')],
    ['BR-CO-16', 'totals.amountDue', (doc) => (doc.totals.rounding = '0.00')],
    ['BR-CO-17', 'vatBreakdown[0].taxAmount', (doc) => (doc.vatBreakdown![0]!.taxAmount = '40.92')],
    ['BR-S-08', 'vatBreakdown[1].taxableAmount', (doc) => (doc.vatBreakdown![1]!.taxableAmount = '145.01')],
  ];
  it.each(oneCentOff)('refuses one cent off under %s at %s', (rule, path, change) => {
    const errors = validateEn16931(broken(change)).errors;
    const error = errors.find((found) => found.rule === rule);
    expect(error, JSON.stringify(errors)).toBeDefined();
    expect(error!.path).toBe(path);
    expect(error!.term).toMatch(/^B[TG]-\d+$/);
  });

  it('says what it found and what it expected', () => {
    const errors = validateEn16931(broken((doc) => (doc.totals.amountDue = '311.36'))).errors;
    expect(errors).toEqual([
      {
        rule: 'BR-CO-16',
        path: 'totals.amountDue',
        term: 'BT-115',
        message: 'BT-115 amount due for payment is 311.36 but BT-112 − BT-113 + BT-114 gives 311.35',
      },
    ]);
  });

  it('refuses a credit note whose amount due is one cent off', () => {
    const doc = creditNote();
    doc.totals.amountDue = '59.58';
    expect(rulesOf(doc)).toEqual(['BR-CO-16']);
  });

  it('refuses a line net amount more than 0.02 away from quantity × price ÷ base quantity under PEPPOL-EN16931-R120', () => {
    const errors = validateEn16931(broken((doc) => (doc.lines[1]!.netAmount = '140.03'))).errors;
    expect(errors.find((error) => error.rule === 'PEPPOL-EN16931-R120')).toMatchObject({
      path: 'lines[1].netAmount',
      term: 'BT-131',
    });
  });

  it('accepts a line net amount within 0.02 of quantity × price (a price with more decimals than the amount)', () => {
    const doc = broken((doc) => (doc.lines[0]!.price = '25.031'));
    expect(rulesOf(doc)).toEqual([]);
  });

  it('refuses an amount with more decimals than the currency has under BR-DEC', () => {
    const errors = validateEn16931(broken((doc) => (doc.charges![0]!.amount = '5.001'))).errors;
    expect(errors.find((error) => error.rule === 'BR-DEC-05')).toMatchObject({
      path: 'charges[0].amount',
      term: 'BT-99',
    });
  });

  it('refuses a positive amount due with neither due date nor payment terms under BR-CO-25', () => {
    const doc = broken((doc) => {
      delete doc.dueDate;
      delete doc.paymentTerms;
    });
    expect(rulesOf(doc)).toEqual(['BR-CO-25']);
  });

  it('refuses a seller with no identifier, legal registration or VAT id under BR-CO-26', () => {
    const doc = creditNote();
    delete doc.seller.vatId;
    expect(rulesOf(doc)).toContain('BR-CO-26');
  });

  it('reads amounts written as xs:decimal allows them: a leading plus, a trailing point, no leading zero', () => {
    const doc = creditNote();
    doc.totals.amountDue = '+59.57';
    doc.totals.taxExclusive = '50.06';
    doc.lines[0]!.quantity = '2.';
    doc.lines[0]!.price = '25.030';
    expect(rulesOf(doc)).toEqual([]);
    doc.totals.prepaid = '.01';
    expect(rulesOf(doc)).toEqual(['BR-CO-16']);
  });

  it('refuses a document that does not fit the model, naming the field', () => {
    const doc = broken((doc) => (doc.totals.amountDue = '311,35'));
    expect(validateEn16931(doc).errors).toEqual([
      expect.objectContaining({ rule: 'schema', path: 'totals.amountDue' }),
    ]);
  });
});
