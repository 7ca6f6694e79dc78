import { minorUnits } from '../../engine/money';
import { decimalsOf } from './decimal';
import type { En16931Document } from './document';
import type { RuleFinding } from './findings';

interface AmountAt {
  rule: string;
  path: string;
  term: string;
  value: string | undefined;
}

/**
 * BR-DEC: amounts carry no more decimals than allowed. The standard allows 2; here the limit is the currency's
 * minor units (JPY 0, EUR 2, KWD 3), so a dinar invoice can state fils and a yen invoice no fractions.
 */
export function checkDecimals(doc: En16931Document): RuleFinding[] {
  const { totals } = doc;
  const amounts: AmountAt[] = [
    ...doc.allowances.flatMap((allowance, i) => [
      { rule: 'BR-DEC-01', path: `allowances[${i}].amount`, term: 'BT-92', value: allowance.amount },
      { rule: 'BR-DEC-02', path: `allowances[${i}].baseAmount`, term: 'BT-93', value: allowance.baseAmount },
    ]),
    ...doc.charges.flatMap((charge, i) => [
      { rule: 'BR-DEC-05', path: `charges[${i}].amount`, term: 'BT-99', value: charge.amount },
      { rule: 'BR-DEC-06', path: `charges[${i}].baseAmount`, term: 'BT-100', value: charge.baseAmount },
    ]),
    { rule: 'BR-DEC-09', path: 'totals.lineNet', term: 'BT-106', value: totals.lineNet },
    { rule: 'BR-DEC-10', path: 'totals.allowances', term: 'BT-107', value: totals.allowances },
    { rule: 'BR-DEC-11', path: 'totals.charges', term: 'BT-108', value: totals.charges },
    { rule: 'BR-DEC-12', path: 'totals.taxExclusive', term: 'BT-109', value: totals.taxExclusive },
    { rule: 'BR-DEC-13', path: 'totals.tax', term: 'BT-110', value: totals.tax },
    { rule: 'BR-DEC-14', path: 'totals.taxInclusive', term: 'BT-112', value: totals.taxInclusive },
    { rule: 'BR-DEC-16', path: 'totals.prepaid', term: 'BT-113', value: totals.prepaid },
    { rule: 'BR-DEC-17', path: 'totals.rounding', term: 'BT-114', value: totals.rounding },
    { rule: 'BR-DEC-18', path: 'totals.amountDue', term: 'BT-115', value: totals.amountDue },
    ...doc.vatBreakdown.flatMap((entry, i) => [
      { rule: 'BR-DEC-19', path: `vatBreakdown[${i}].taxableAmount`, term: 'BT-116', value: entry.taxableAmount },
      { rule: 'BR-DEC-20', path: `vatBreakdown[${i}].taxAmount`, term: 'BT-117', value: entry.taxAmount },
    ]),
    ...doc.lines.flatMap((line, i) => [
      { rule: 'BR-DEC-23', path: `lines[${i}].netAmount`, term: 'BT-131', value: line.netAmount },
      ...line.allowances.flatMap((allowance, j) => [
        { rule: 'BR-DEC-24', path: `lines[${i}].allowances[${j}].amount`, term: 'BT-136', value: allowance.amount },
        {
          rule: 'BR-DEC-25',
          path: `lines[${i}].allowances[${j}].baseAmount`,
          term: 'BT-137',
          value: allowance.baseAmount,
        },
      ]),
      ...line.charges.flatMap((charge, j) => [
        { rule: 'BR-DEC-27', path: `lines[${i}].charges[${j}].amount`, term: 'BT-141', value: charge.amount },
        { rule: 'BR-DEC-28', path: `lines[${i}].charges[${j}].baseAmount`, term: 'BT-142', value: charge.baseAmount },
      ]),
    ]),
  ];
  const allowed = minorUnits(doc.currency);
  return amounts
    .filter((amount) => amount.value !== undefined && decimalsOf(amount.value) > allowed)
    .map((amount) => ({
      rule: amount.rule,
      path: amount.path,
      term: amount.term,
      message: `${amount.term} is ${amount.value}, which has ${decimalsOf(amount.value ?? '')} decimals; ${doc.currency} allows at most ${allowed}`,
    }));
}
