import Big from 'big.js';
import { dec, roundToCurrency, show, zero } from './decimal';
import type { En16931Document } from './document';
import type { RuleFinding } from './findings';
import type { VatBreakdown, VatCategoryCode } from './vat';
import { type VatCategoryRule, vatCategoryRules } from './vat-category-rules';

/** A line, document allowance or document charge, with the sign it has on the taxable amount. */
interface TaxedItem {
  /** 2/5 for lines, 3/6 for allowances, 4/7 for charges: the rule numbers each category family uses. */
  idRule: number;
  rateRule: number;
  path: string;
  rateTerm: string;
  category: VatCategoryCode;
  rate: string | undefined;
  signedAmount: Big;
}

function taxedItems(doc: En16931Document): TaxedItem[] {
  return [
    ...doc.lines.map((line, i) => ({
      idRule: 2,
      rateRule: 5,
      path: `lines[${i}].vat`,
      rateTerm: 'BT-152',
      category: line.vat.category,
      rate: line.vat.rate,
      signedAmount: dec(line.netAmount),
    })),
    ...doc.allowances.map((allowance, i) => ({
      idRule: 3,
      rateRule: 6,
      path: `allowances[${i}].vat`,
      rateTerm: 'BT-96',
      category: allowance.vat.category,
      rate: allowance.vat.rate,
      signedAmount: dec(allowance.amount).neg(),
    })),
    ...doc.charges.map((charge, i) => ({
      idRule: 4,
      rateRule: 7,
      path: `charges[${i}].vat`,
      rateTerm: 'BT-103',
      category: charge.vat.category,
      rate: charge.vat.rate,
      signedAmount: dec(charge.amount),
    })),
  ];
}

/** Standard rate is broken down per rate; every other category has one entry whatever the rate. */
function groupKey(category: VatCategoryCode, rate: string | undefined): string {
  return category === 'S' && rate !== undefined ? `S:${new Big(rate).toString()}` : category;
}

/** BR-CO-17, BR-CO-18, BR-48 and the category families BR-S/Z/E/AE/IC/G/O. */
export function checkVat(doc: En16931Document): RuleFinding[] {
  const findings: RuleFinding[] = [];
  const items = taxedItems(doc);
  if (doc.vatBreakdown.length === 0) {
    findings.push({ rule: 'BR-CO-18', path: 'vatBreakdown', term: 'BG-23', message: 'no VAT breakdown is present' });
  }
  doc.vatBreakdown.forEach((entry, i) => findings.push(...checkBreakdownEntry(doc, entry, i, items)));
  for (const item of items) findings.push(...checkItem(doc, item));
  findings.push(...checkCategoryPresence(doc, items));
  return findings;
}

function checkBreakdownEntry(doc: En16931Document, entry: VatBreakdown, i: number, items: TaxedItem[]): RuleFinding[] {
  const findings: RuleFinding[] = [];
  const path = `vatBreakdown[${i}]`;
  const { currency } = doc;
  const rule = vatCategoryRules[entry.category];
  if (entry.rate === undefined && entry.category !== 'O') {
    findings.push({
      rule: 'BR-48',
      path: `${path}.rate`,
      term: 'BT-119',
      message: `VAT category ${entry.category} has no rate`,
    });
  }
  const taxable = dec(entry.taxableAmount);
  const tax = dec(entry.taxAmount);
  if (entry.rate !== undefined) {
    const expected = roundToCurrency(taxable.times(entry.rate).div(100), currency);
    if (!tax.eq(expected)) {
      findings.push({
        rule: 'BR-CO-17',
        path: `${path}.taxAmount`,
        term: 'BT-117',
        message: `VAT category ${entry.category} tax amount is ${show(tax, currency)} but taxable amount ${show(taxable, currency)} × ${entry.rate} % gives ${show(expected, currency)}`,
      });
    }
  }
  if (!rule) return findings;
  const key = groupKey(entry.category, entry.rate);
  const expectedTaxable = items
    .filter((item) => groupKey(item.category, item.rate) === key)
    .reduce<Big>((total, item) => total.plus(item.signedAmount), zero);
  if (!taxable.eq(expectedTaxable)) {
    findings.push({
      rule: `${rule.family}-08`,
      path: `${path}.taxableAmount`,
      term: 'BT-116',
      message: `VAT category ${entry.category}${entry.rate !== undefined ? ` ${entry.rate} %` : ''} taxable amount is ${show(taxable, currency)} but its lines − allowances + charges give ${show(expectedTaxable, currency)}`,
    });
  }
  if (rule.rate !== 'positive' && !tax.eq(0)) {
    findings.push({
      rule: `${rule.family}-09`,
      path: `${path}.taxAmount`,
      term: 'BT-117',
      message: `VAT category ${entry.category} tax amount is ${show(tax, currency)} but must be 0`,
    });
  }
  findings.push(...checkExemptionReason(rule, entry, path));
  return findings;
}

function checkExemptionReason(rule: VatCategoryRule, entry: VatBreakdown, path: string): RuleFinding[] {
  const given = entry.exemptionReason ?? entry.exemptionReasonCode;
  if (rule.exemptionReason === 'forbidden' && given !== undefined) {
    return [
      {
        rule: `${rule.family}-10`,
        path: `${path}.exemptionReason`,
        term: 'BT-120',
        message: `VAT category ${entry.category} must not carry an exemption reason, found "${given}"`,
      },
    ];
  }
  if (rule.exemptionReason === 'required' && given === undefined) {
    const code = rule.reasonCode ? ` (code ${rule.reasonCode})` : '';
    return [
      {
        rule: `${rule.family}-10`,
        path: `${path}.exemptionReason`,
        term: 'BT-120',
        message: `VAT category ${entry.category} needs an exemption reason (BT-120) or reason code (BT-121)${code}; none is present`,
      },
    ];
  }
  return [];
}

function checkItem(doc: En16931Document, item: TaxedItem): RuleFinding[] {
  const rule = vatCategoryRules[item.category];
  if (!rule) return [];
  const findings: RuleFinding[] = [];
  const rateProblem = rateMismatch(rule, item.rate);
  if (rateProblem) {
    findings.push({
      rule: `${rule.family}-0${item.rateRule}`,
      path: `${item.path}.rate`,
      term: item.rateTerm,
      message: `VAT category ${item.category} ${rateProblem}`,
    });
  }
  const idProblem = vatIdProblem(doc, rule);
  if (idProblem) {
    findings.push({
      rule: `${rule.family}-0${item.idRule}`,
      path: item.path,
      term: 'BT-31',
      message: `VAT category ${item.category}: ${idProblem}`,
    });
  }
  return findings;
}

function rateMismatch(rule: VatCategoryRule, rate: string | undefined): string | undefined {
  if (rule.rate === 'absent') return rate === undefined ? undefined : `must have no rate, found ${rate}`;
  if (rate === undefined)
    return rule.rate === 'positive' ? 'needs a rate above 0, none given' : 'needs rate 0, none given';
  if (rule.rate === 'positive' && !new Big(rate).gt(0)) return `needs a rate above 0, found ${rate}`;
  if (rule.rate === 'zero' && !new Big(rate).eq(0)) return `needs rate 0, found ${rate}`;
  return undefined;
}

function vatIdProblem(doc: En16931Document, rule: VatCategoryRule): string | undefined {
  const { seller, buyer, taxRepresentativeVatId } = doc;
  if (rule.sellerVatId === 'forbidden') {
    const given = [
      seller.vatId && `seller VAT id (BT-31) ${seller.vatId}`,
      taxRepresentativeVatId && `tax representative VAT id (BT-63) ${taxRepresentativeVatId}`,
      buyer.vatId && `buyer VAT id (BT-48) ${buyer.vatId}`,
    ].filter(Boolean);
    return given.length > 0 ? `outside the scope of VAT, yet ${given.join(', ')} is given` : undefined;
  }
  const sellerKnown =
    rule.sellerVatId === 'required'
      ? (seller.vatId ?? seller.taxRegistrationId ?? taxRepresentativeVatId)
      : (seller.vatId ?? taxRepresentativeVatId);
  if (sellerKnown === undefined) {
    return 'the seller VAT id (BT-31), tax registration id (BT-32) or tax representative VAT id (BT-63) is required; none is present';
  }
  if (rule.buyerId === 'vat' && buyer.vatId === undefined)
    return 'the buyer VAT id (BT-48) is required; none is present';
  if (rule.buyerId === 'vat-or-legal' && buyer.vatId === undefined && buyer.legalRegistrationId === undefined) {
    return 'the buyer VAT id (BT-48) or legal registration id (BT-47) is required; none is present';
  }
  return undefined;
}

/** BR-x-01: a category used on lines, allowances or charges appears in the breakdown (once, except S); BR-O-11. */
function checkCategoryPresence(doc: En16931Document, items: TaxedItem[]): RuleFinding[] {
  const findings: RuleFinding[] = [];
  const used = new Set(items.map((item) => item.category));
  for (const category of used) {
    const rule = vatCategoryRules[category];
    if (!rule) continue;
    const entries = doc.vatBreakdown.filter((entry) => entry.category === category).length;
    if (entries === 0 || (rule.onePerDocument && entries > 1)) {
      findings.push({
        rule: `${rule.family}-01`,
        path: 'vatBreakdown',
        term: 'BG-23',
        message: `VAT category ${category} is used on the document, so the VAT breakdown needs ${rule.onePerDocument ? 'exactly one' : 'at least one'} ${category} entry; found ${entries}`,
      });
    }
  }
  const categories = new Set(doc.vatBreakdown.map((entry) => entry.category));
  if (categories.has('O') && categories.size > 1) {
    findings.push({
      rule: 'BR-O-11',
      path: 'vatBreakdown',
      term: 'BG-23',
      message: `a document with VAT category O may have no other VAT category; found ${[...categories].join(', ')}`,
    });
  }
  return findings;
}
