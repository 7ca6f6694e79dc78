import { describe, expect, it } from 'vitest';
import { validateEn16931 } from '../../schemas/invoices/en16931/validate';
import { dinarInvoice, yenInvoice } from './en16931-documents';

describe('EN 16931 currencies with 0 and 3 minor units', () => {
  it('accepts a yen invoice whose VAT rounds to whole yen', () => {
    expect(validateEn16931(yenInvoice())).toEqual({ errors: [], warnings: [] });
  });

  it('refuses a yen invoice whose VAT is one yen off under BR-CO-17', () => {
    const doc = yenInvoice();
    doc.vatBreakdown![0]!.taxAmount = '234';
    doc.totals.tax = '234';
    doc.totals.taxInclusive = '2565';
    doc.totals.amountDue = '2565';
    expect(validateEn16931(doc).errors.map((error) => error.rule)).toEqual(['BR-CO-17']);
  });

  it('refuses a yen amount with a fraction under BR-DEC', () => {
    const doc = yenInvoice();
    doc.totals.amountDue = '2564.50';
    expect(validateEn16931(doc).errors.map((error) => error.rule)).toEqual(['BR-DEC-18', 'BR-CO-16']);
  });

  it('accepts a dinar invoice stated in fils, with VAT rounded to the fils', () => {
    expect(validateEn16931(dinarInvoice())).toEqual({ errors: [], warnings: [] });
  });

  it('refuses a dinar invoice whose amount due is one fils off under BR-CO-16', () => {
    const doc = dinarInvoice();
    doc.totals.amountDue = '3.954';
    expect(validateEn16931(doc).errors).toEqual([
      {
        rule: 'BR-CO-16',
        path: 'totals.amountDue',
        term: 'BT-115',
        message: 'BT-115 amount due for payment is 3.954 but BT-112 − BT-113 + BT-114 gives 3.953',
      },
    ]);
  });

  it('refuses a dinar amount with four decimals under BR-DEC', () => {
    const doc = dinarInvoice();
    doc.lines[0]!.netAmount = '3.7650';
    expect(validateEn16931(doc).errors).toEqual([]);
    doc.lines[0]!.netAmount = '3.7651';
    expect(validateEn16931(doc).errors.map((error) => error.rule)).toContain('BR-DEC-23');
  });
});
