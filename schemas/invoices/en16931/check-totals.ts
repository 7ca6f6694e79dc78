import type Big from 'big.js';
import { dec, show, sum } from './decimal';
import type { En16931Document } from './document';
import type { RuleFinding } from './findings';

/** BR-CO-10 … BR-CO-16: every document total follows from the parts below it, exactly. */
export function checkTotals(doc: En16931Document): RuleFinding[] {
  const { totals, currency } = doc;
  const findings: RuleFinding[] = [];
  const expect = (rule: string, field: keyof typeof totals, term: string, name: string, expected: Big, how: string) => {
    const found = dec(totals[field]);
    if (!found.eq(expected)) {
      findings.push({
        rule,
        path: `totals.${field}`,
        term,
        message: `${term} ${name} is ${show(found, currency)} but ${how} gives ${show(expected, currency)}`,
      });
    }
  };
  const lineNet = sum(doc.lines.map((line) => line.netAmount));
  const allowances = sum(doc.allowances.map((allowance) => allowance.amount));
  const charges = sum(doc.charges.map((charge) => charge.amount));
  const vat = sum(doc.vatBreakdown.map((entry) => entry.taxAmount));
  expect('BR-CO-10', 'lineNet', 'BT-106', 'sum of line net amounts', lineNet, 'the sum of line net amounts (BT-131)');
  expect('BR-CO-11', 'allowances', 'BT-107', 'sum of allowances', allowances, 'the sum of allowances (BT-92)');
  expect('BR-CO-12', 'charges', 'BT-108', 'sum of charges', charges, 'the sum of charges (BT-99)');
  expect(
    'BR-CO-13',
    'taxExclusive',
    'BT-109',
    'total without VAT',
    dec(totals.lineNet).minus(dec(totals.allowances)).plus(dec(totals.charges)),
    'BT-106 − BT-107 + BT-108',
  );
  // BT-110 may be left out when no VAT is stated; when present it must be the breakdown's sum.
  if (totals.tax !== undefined) {
    expect('BR-CO-14', 'tax', 'BT-110', 'total VAT', vat, 'the sum of VAT category tax amounts (BT-117)');
  }
  expect(
    'BR-CO-15',
    'taxInclusive',
    'BT-112',
    'total with VAT',
    dec(totals.taxExclusive).plus(dec(totals.tax)),
    'BT-109 + BT-110',
  );
  expect(
    'BR-CO-16',
    'amountDue',
    'BT-115',
    'amount due for payment',
    dec(totals.taxInclusive).minus(dec(totals.prepaid)).plus(dec(totals.rounding)),
    'BT-112 − BT-113 + BT-114',
  );
  return findings;
}

/** BR-CO-25 and BR-CO-26: what a payable needs to know when to pay and whom. */
export function checkPaymentAndSeller(doc: En16931Document): RuleFinding[] {
  const findings: RuleFinding[] = [];
  if (dec(doc.totals.amountDue).gt(0) && doc.dueDate === undefined && doc.paymentTerms === undefined) {
    findings.push({
      rule: 'BR-CO-25',
      path: 'dueDate',
      term: 'BT-9',
      message: `amount due (BT-115) is ${doc.totals.amountDue}, so a payment due date (BT-9) or payment terms (BT-20) are required; neither is present`,
    });
  }
  const seller = doc.seller;
  if (seller.identifiers.length === 0 && seller.legalRegistrationId === undefined && seller.vatId === undefined) {
    findings.push({
      rule: 'BR-CO-26',
      path: 'seller',
      term: 'BG-4',
      message:
        'the seller needs an identifier (BT-29), a legal registration identifier (BT-30) or a VAT identifier (BT-31); none is present',
    });
  }
  return findings;
}
