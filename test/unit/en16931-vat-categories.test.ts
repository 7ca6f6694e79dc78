import { describe, expect, it } from 'vitest';
import type { En16931DocumentInput } from '../../schemas/invoices/en16931/document';
import { validateEn16931 } from '../../schemas/invoices/en16931/validate';
import {
  invoiceWithAllowanceChargePrepaidRounding,
  outsideScope,
  zeroExemptReverseChargeIntraCommunityExport,
} from './en16931-documents';

type Doc = En16931DocumentInput;

function rulesOf(doc: Doc): string[] {
  return validateEn16931(doc).errors.map((error) => error.rule);
}

function zeroRated(change: (doc: Doc) => void): Doc {
  const doc = zeroExemptReverseChargeIntraCommunityExport();
  change(doc);
  return doc;
}

function outside(change: (doc: Doc) => void): Doc {
  const doc = outsideScope();
  change(doc);
  return doc;
}

const breakdown = (doc: Doc, category: string) => doc.vatBreakdown!.find((entry) => entry.category === category)!;

describe('EN 16931 VAT categories', () => {
  it('accepts zero rated, exempt, reverse charge, intra-community and export lines without any VAT', () => {
    expect(validateEn16931(zeroExemptReverseChargeIntraCommunityExport())).toEqual({ errors: [], warnings: [] });
  });

  it('accepts an invoice outside the scope of VAT with no rate and no VAT ids', () => {
    expect(validateEn16931(outsideScope())).toEqual({ errors: [], warnings: [] });
  });

  it('BR-E-10: an exempt breakdown without an exemption reason is refused', () => {
    expect(rulesOf(zeroRated((doc) => delete breakdown(doc, 'E').exemptionReason))).toEqual(['BR-E-10']);
  });

  it('BR-AE-10, BR-IC-10, BR-G-10, BR-O-10: reverse charge, intra-community, export and outside scope need a reason', () => {
    expect(rulesOf(zeroRated((doc) => delete breakdown(doc, 'AE').exemptionReasonCode))).toEqual(['BR-AE-10']);
    expect(rulesOf(zeroRated((doc) => delete breakdown(doc, 'K').exemptionReasonCode))).toEqual(['BR-IC-10']);
    expect(rulesOf(zeroRated((doc) => delete breakdown(doc, 'G').exemptionReasonCode))).toEqual(['BR-G-10']);
    expect(rulesOf(outside((doc) => delete breakdown(doc, 'O').exemptionReason))).toEqual(['BR-O-10']);
  });

  it('BR-Z-10 and BR-S-10: zero rated and standard rated breakdowns must not carry an exemption reason', () => {
    expect(rulesOf(zeroRated((doc) => (breakdown(doc, 'Z').exemptionReason = 'Exempt')))).toEqual(['BR-Z-10']);
    const doc = invoiceWithAllowanceChargePrepaidRounding();
    doc.vatBreakdown![0]!.exemptionReasonCode = 'VATEX-EU-132';
    expect(rulesOf(doc)).toEqual(['BR-S-10']);
  });

  it('BR-Z-05: a zero rated line with a rate above 0 is refused, naming BT-152', () => {
    const errors = validateEn16931(zeroRated((doc) => (doc.lines[0]!.vat.rate = '5'))).errors;
    expect(errors.find((error) => error.rule === 'BR-Z-05')).toMatchObject({
      path: 'lines[0].vat.rate',
      term: 'BT-152',
    });
  });

  it('BR-S-06: a standard rated document allowance with rate 0 is refused', () => {
    const doc = invoiceWithAllowanceChargePrepaidRounding();
    doc.allowances![0]!.vat.rate = '0';
    expect(rulesOf(doc)).toContain('BR-S-06');
  });

  it('BR-AE-02 and BR-IC-02: reverse charge and intra-community supply need the buyer VAT id', () => {
    expect(rulesOf(zeroRated((doc) => delete doc.buyer.vatId))).toEqual(['BR-AE-02', 'BR-IC-02']);
  });

  it('BR-AE-02: for reverse charge the buyer legal registration id will do instead of the VAT id', () => {
    const doc = zeroRated((doc) => {
      delete doc.buyer.vatId;
      doc.buyer.legalRegistrationId = { id: 'RCS 123 456 789' };
    });
    expect(rulesOf(doc)).toEqual(['BR-IC-02']);
  });

  it('BR-E-02 and BR-G-02: exempt and export lines need the seller VAT id', () => {
    expect(rulesOf(zeroRated((doc) => delete doc.seller.vatId))).toEqual([
      'BR-Z-02',
      'BR-E-02',
      'BR-AE-02',
      'BR-IC-02',
      'BR-G-02',
      'BR-CO-26',
    ]);
  });

  it('BR-O-02: outside the scope of VAT, no VAT id may be given', () => {
    expect(rulesOf(outside((doc) => (doc.buyer.vatId = 'NL123456789B01')))).toEqual(['BR-O-02']);
  });

  it('BR-O-05: an outside-scope line must not have a rate', () => {
    expect(rulesOf(outside((doc) => (doc.lines[0]!.vat.rate = '0')))).toEqual(['BR-O-05']);
  });

  it('BR-O-11: a document with an outside-scope breakdown may have no other category', () => {
    const doc = outside((doc) => {
      doc.vatBreakdown!.push({ taxableAmount: '0.00', taxAmount: '0.00', category: 'Z', rate: '0' });
    });
    expect(rulesOf(doc)).toContain('BR-O-11');
  });

  it('BR-E-01: an exempt line needs an exempt entry in the VAT breakdown', () => {
    const doc = zeroRated((doc) => {
      doc.vatBreakdown = doc.vatBreakdown!.filter((entry) => entry.category !== 'E');
    });
    expect(rulesOf(doc)).toContain('BR-E-01');
  });

  it('BR-Z-09: a zero rated breakdown with one cent of tax is refused', () => {
    expect(rulesOf(zeroRated((doc) => (breakdown(doc, 'Z').taxAmount = '0.01')))).toContain('BR-Z-09');
  });

  it('BR-AE-08: a reverse charge taxable amount one cent off its lines is refused', () => {
    expect(rulesOf(zeroRated((doc) => (breakdown(doc, 'AE').taxableAmount = '300.01')))).toContain('BR-AE-08');
  });

  it('BR-CO-18: a document without any VAT breakdown is refused', () => {
    expect(rulesOf(zeroRated((doc) => (doc.vatBreakdown = [])))).toContain('BR-CO-18');
  });
});
