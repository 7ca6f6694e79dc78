import { XMLParser } from 'fast-xml-parser';

/** The UBL file is not an invoice at all (not XML, or another document); field problems are the schema's job. */
export class UblDocumentError extends Error {}

type Node = Record<string, unknown>;

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  isArray: (name) =>
    ['InvoiceLine', 'PartyIdentification', 'PaymentMeans', 'PaymentTerms', 'PartyTaxScheme', 'TaxTotal'].includes(name),
});

/** The text of an element, whether it carries attributes (currencyID, schemeID) or not. */
function text(node: unknown): string | undefined {
  if (node === undefined || node === null) return undefined;
  if (typeof node === 'string' || typeof node === 'number') return String(node).trim();
  if (typeof node === 'object' && '#text' in (node as Node)) return String((node as Node)['#text']).trim();
  return undefined;
}

function at(node: unknown, ...path: Array<string | number>): unknown {
  let current: unknown = node;
  for (const key of path) {
    if (current === undefined || current === null) return undefined;
    current =
      Array.isArray(current) && typeof key === 'string'
        ? (current[0] as Node | undefined)?.[key]
        : (current as Node)[key];
  }
  return Array.isArray(current) ? current[0] : current;
}

function amount(node: unknown): unknown {
  const value = text(node);
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : value;
}

/**
 * A UBL 2.1 invoice (the Peppol BIS Billing 3.0 shape) as raw invoice data. The vendor id is the supplier's
 * PartyIdentification; the IBAN is the payee account of the payment means; an early-payment discount is read from
 * PaymentTerms (SettlementDiscountPercent within SettlementPeriod's DurationMeasure days).
 */
export function parseUblInvoice(xml: string): Record<string, unknown> {
  let doc: Node;
  try {
    doc = parser.parse(xml, true) as Node;
  } catch (err) {
    throw new UblDocumentError(`is not well-formed XML: ${(err as Error).message}`);
  }
  const invoice = doc.Invoice as Node | undefined;
  if (!invoice || typeof invoice !== 'object')
    throw new UblDocumentError(
      `is not a UBL Invoice (root element: ${Object.keys(doc).filter((k) => !k.startsWith('?'))[0] ?? 'none'})`,
    );
  const party = at(invoice, 'AccountingSupplierParty', 'Party');
  const terms = at(invoice, 'PaymentTerms') as Node | undefined;
  const discountPercent = amount(at(terms, 'SettlementDiscountPercent'));
  const lines = ((invoice.InvoiceLine as Node[] | undefined) ?? []).map((line) => ({
    description: text(at(line, 'Item', 'Name')) ?? text(at(line, 'Item', 'Description')),
    quantity: amount(at(line, 'InvoicedQuantity')),
    unitPrice: amount(at(line, 'Price', 'PriceAmount')),
    taxRate: amount(at(line, 'Item', 'ClassifiedTaxCategory', 'Percent')),
    poLineNo: amount(at(line, 'OrderLineReference', 'LineID')),
  }));
  return {
    vendorId: text(at(party, 'PartyIdentification', 'ID')),
    vendorName: text(at(party, 'PartyName', 'Name')) ?? text(at(party, 'PartyLegalEntity', 'RegistrationName')),
    vendorVatId: text(at(party, 'PartyTaxScheme', 'CompanyID')),
    invoiceNumber: text(invoice.ID),
    invoiceDate: text(invoice.IssueDate),
    dueDate: text(invoice.DueDate) ?? text(at(terms, 'PaymentDueDate')),
    currency: text(invoice.DocumentCurrencyCode),
    poNumber: text(at(invoice, 'OrderReference', 'ID')),
    iban: text(at(invoice, 'PaymentMeans', 'PayeeFinancialAccount', 'ID')),
    paymentTerms:
      discountPercent === undefined
        ? undefined
        : { discountPercent, discountDays: amount(at(terms, 'SettlementPeriod', 'DurationMeasure')) },
    lines,
    subtotal: amount(at(invoice, 'LegalMonetaryTotal', 'TaxExclusiveAmount')),
    taxTotal: amount(at(invoice, 'TaxTotal', 'TaxAmount')),
    total: amount(at(invoice, 'LegalMonetaryTotal', 'TaxInclusiveAmount')),
  };
}
