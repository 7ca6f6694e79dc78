import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readUbl, UblReadError } from '../../client/invoices/en16931/read-ubl';
import { en16931DocumentSchema } from '../../schemas/invoices/en16931/document';
import { validateEn16931 } from '../../schemas/invoices/en16931/validate';
import { creditNote, invoiceWithAllowanceChargePrepaidRounding } from './en16931-documents';

const fixture = (name: string) => readFileSync(join(__dirname, '..', 'fixtures', 'en16931', name), 'utf8');

describe('UBL 2.1 reader into the EN 16931 model', () => {
  it('reads an invoice with allowance, charge, prepaid and rounding into the same model as written by hand', () => {
    const doc = readUbl(fixture('ubl-invoice-allowance-charge-prepaid.xml'));
    expect(validateEn16931(doc)).toEqual({ errors: [], warnings: [] });
    const expected = en16931DocumentSchema.parse(invoiceWithAllowanceChargePrepaidRounding());
    const read = en16931DocumentSchema.parse(doc);
    expect(read.totals).toEqual(expected.totals);
    expect(read.vatBreakdown).toEqual(expected.vatBreakdown);
    expect(read.lines).toEqual(expected.lines);
    expect(read.allowances).toEqual(expected.allowances);
    expect(read.charges).toEqual(expected.charges);
    expect(read.seller).toEqual({ ...expected.seller, tradingName: 'Muster Supplies' });
    expect(read.paymentMeans).toEqual(expected.paymentMeans);
    expect(read.payee).toEqual(expected.payee);
  });

  it('reads a credit note with its preceding invoice and the due date from the payment means', () => {
    const doc = en16931DocumentSchema.parse(readUbl(fixture('ubl-credit-note.xml')));
    expect(validateEn16931(doc)).toEqual({ errors: [], warnings: [] });
    const expected = en16931DocumentSchema.parse(creditNote());
    expect(doc).toMatchObject({
      documentType: 'credit-note',
      typeCode: '381',
      dueDate: '2026-04-19',
      precedingInvoices: expected.precedingInvoices,
      totals: expected.totals,
      lines: expected.lines,
    });
  });

  it('refuses an amount due one cent off under BR-CO-16 after reading', () => {
    const xml = fixture('ubl-invoice-allowance-charge-prepaid.xml').replace('>311.35<', '>311.36<');
    expect(validateEn16931(readUbl(xml)).errors.map((error) => error.rule)).toEqual(['BR-CO-16']);
  });

  it('keeps the VAT total in the accounting currency (BT-111) apart from the document VAT total (BT-110)', () => {
    const xml = fixture('ubl-invoice-allowance-charge-prepaid.xml').replace(
      '<cac:LegalMonetaryTotal>',
      '<cac:TaxTotal><cbc:TaxAmount currencyID ="SEK">561.66</cbc:TaxAmount></cac:TaxTotal><cac:LegalMonetaryTotal>',
    );
    const doc = en16931DocumentSchema.parse(readUbl(xml));
    expect(doc.totals).toMatchObject({ tax: '51.06', taxInAccountingCurrency: '561.66' });
    expect(validateEn16931(doc).errors).toEqual([]);
  });

  it('says what the file is when it is not a UBL invoice', () => {
    expect(() => readUbl('<Order><ID>1</ID></Order>')).toThrow(UblReadError);
    expect(() => readUbl('<Order><ID>1</ID></Order>')).toThrow(/root element: Order/);
  });
});
