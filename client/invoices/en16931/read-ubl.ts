import { XMLParser } from 'fast-xml-parser';
import type { En16931DocumentInput } from '../../../schemas/invoices/en16931/document';
import { attr, child, children, defined, text, type XmlNode } from './xml-nodes';

/** The file is not a UBL Invoice or CreditNote at all; what is wrong inside one is the validator's job. */
export class UblReadError extends Error {}

const repeated = new Set([
  'InvoiceLine',
  'CreditNoteLine',
  'PartyIdentification',
  'PartyTaxScheme',
  'PaymentMeans',
  'PaymentTerms',
  'TaxTotal',
  'TaxSubtotal',
  'AllowanceCharge',
  'BillingReference',
]);

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  // Amounts stay text: a number would pass through a binary float.
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (name) => repeated.has(name),
});

function schemedId(node: unknown) {
  const id = text(node);
  return id === undefined ? undefined : defined({ id, scheme: attr(node, 'schemeID') });
}

/** BG-4 / BG-7 from a UBL Party. */
function party(node: unknown) {
  const taxSchemes = children(node, 'PartyTaxScheme');
  const vatScheme = taxSchemes.find((scheme) => text(child(scheme, 'TaxScheme', 'ID')) === 'VAT');
  const otherScheme = taxSchemes.find((scheme) => scheme !== vatScheme);
  const registrationName = text(child(node, 'PartyLegalEntity', 'RegistrationName'));
  const partyName = text(child(node, 'PartyName', 'Name'));
  return defined({
    name: registrationName ?? partyName ?? '',
    tradingName: registrationName !== undefined ? partyName : undefined,
    identifiers: children(node, 'PartyIdentification').flatMap((identification) => {
      const id = schemedId(child(identification, 'ID'));
      return id ? [id] : [];
    }),
    legalRegistrationId: schemedId(child(node, 'PartyLegalEntity', 'CompanyID')),
    vatId: text(child(vatScheme, 'CompanyID')),
    taxRegistrationId: text(child(otherScheme, 'CompanyID')),
    electronicAddress: schemedId(child(node, 'EndpointID')),
    countryCode: text(child(node, 'PostalAddress', 'Country', 'IdentificationCode')),
  });
}

function vatCategory(node: unknown) {
  return defined({ category: text(child(node, 'ID')) ?? '', rate: text(child(node, 'Percent')) });
}

/** BG-20/21 (with tax category) and BG-27/28 (without) from UBL AllowanceCharge elements. */
function allowancesCharges(node: unknown, charge: boolean) {
  return children(node, 'AllowanceCharge')
    .filter((entry) => text(child(entry, 'ChargeIndicator')) === String(charge))
    .map((entry) =>
      defined({
        amount: text(child(entry, 'Amount')) ?? '',
        baseAmount: text(child(entry, 'BaseAmount')),
        percentage: text(child(entry, 'MultiplierFactorNumeric')),
        reason: text(child(entry, 'AllowanceChargeReason')),
        reasonCode: text(child(entry, 'AllowanceChargeReasonCode')),
        vat: child(entry, 'TaxCategory') === undefined ? undefined : vatCategory(child(entry, 'TaxCategory')),
      }),
    );
}

function line(node: unknown, quantityElement: string) {
  const quantity = child(node, quantityElement);
  return defined({
    id: text(child(node, 'ID')) ?? '',
    quantity: text(quantity) ?? '',
    unitCode: attr(quantity, 'unitCode') ?? '',
    netAmount: text(child(node, 'LineExtensionAmount')) ?? '',
    orderLineReference: text(child(node, 'OrderLineReference', 'LineID')),
    itemName: text(child(node, 'Item', 'Name')) ?? '',
    sellersItemId: text(child(node, 'Item', 'SellersItemIdentification', 'ID')),
    price: text(child(node, 'Price', 'PriceAmount')) ?? '',
    baseQuantity: text(child(node, 'Price', 'BaseQuantity')),
    allowances: allowancesCharges(node, false),
    charges: allowancesCharges(node, true),
    vat: vatCategory(child(node, 'Item', 'ClassifiedTaxCategory')),
  });
}

/**
 * Reads a UBL 2.1 Invoice or CreditNote (Peppol BIS Billing 3.0 and EN 16931 UBL binding) into the semantic
 * model. Nothing is checked here beyond "is this a UBL invoice"; validateEn16931 judges the content.
 */
export function readUbl(xml: string): En16931DocumentInput {
  let parsed: XmlNode;
  try {
    parsed = parser.parse(xml, true) as XmlNode;
  } catch (err) {
    throw new UblReadError(`is not well-formed XML: ${(err as Error).message}`);
  }
  const isCreditNote = parsed.CreditNote !== undefined;
  const doc = (parsed.Invoice ?? parsed.CreditNote) as XmlNode | undefined;
  if (!doc || typeof doc !== 'object') {
    const root = Object.keys(parsed).find((key) => !key.startsWith('?')) ?? 'none';
    throw new UblReadError(`is not a UBL Invoice or CreditNote (root element: ${root})`);
  }
  const currency = text(doc.DocumentCurrencyCode) ?? '';
  const taxTotals = children(doc, 'TaxTotal');
  const taxTotal = taxTotals.find((total) =>
    attr(child(total, 'TaxAmount'), 'currencyID') !== undefined
      ? attr(child(total, 'TaxAmount'), 'currencyID') === currency
      : true,
  );
  const accountingTaxTotal = taxTotals.find((total) => total !== taxTotal);
  const totals = child(doc, 'LegalMonetaryTotal');
  const paymentMeans = children(doc, 'PaymentMeans');
  return defined({
    documentType: isCreditNote ? 'credit-note' : 'invoice',
    number: text(doc.ID) ?? '',
    issueDate: text(doc.IssueDate) ?? '',
    typeCode: text(isCreditNote ? doc.CreditNoteTypeCode : doc.InvoiceTypeCode) ?? '',
    currency,
    taxCurrency: text(doc.TaxCurrencyCode),
    // A credit note has no DueDate element; Peppol puts BT-9 on the payment means there.
    dueDate: text(doc.DueDate) ?? text(child(paymentMeans[0], 'PaymentDueDate')),
    buyerReference: text(doc.BuyerReference),
    contractReference: text(child(doc, 'ContractDocumentReference', 'ID')),
    orderReference: text(child(doc, 'OrderReference', 'ID')),
    paymentTerms: text(child(doc, 'PaymentTerms', 'Note')),
    precedingInvoices: children(doc, 'BillingReference').map((reference) =>
      defined({
        number: text(child(reference, 'InvoiceDocumentReference', 'ID')) ?? '',
        issueDate: text(child(reference, 'InvoiceDocumentReference', 'IssueDate')),
      }),
    ),
    seller: party(child(doc, 'AccountingSupplierParty', 'Party')),
    taxRepresentativeVatId: text(child(doc, 'TaxRepresentativeParty', 'PartyTaxScheme', 'CompanyID')),
    buyer: party(child(doc, 'AccountingCustomerParty', 'Party')),
    payee:
      doc.PayeeParty === undefined
        ? undefined
        : defined({
            name: text(child(doc, 'PayeeParty', 'PartyName', 'Name')) ?? '',
            identifier: schemedId(child(doc, 'PayeeParty', 'PartyIdentification', 'ID')),
            legalRegistrationId: schemedId(child(doc, 'PayeeParty', 'PartyLegalEntity', 'CompanyID')),
          }),
    paymentMeans: paymentMeans.map((means) =>
      defined({
        typeCode: text(child(means, 'PaymentMeansCode')) ?? '',
        remittanceInformation: text(child(means, 'PaymentID')),
        accountId: text(child(means, 'PayeeFinancialAccount', 'ID')),
        accountName: text(child(means, 'PayeeFinancialAccount', 'Name')),
        serviceProviderId: text(child(means, 'PayeeFinancialAccount', 'FinancialInstitutionBranch', 'ID')),
      }),
    ),
    allowances: allowancesCharges(doc, false),
    charges: allowancesCharges(doc, true),
    totals: defined({
      lineNet: text(child(totals, 'LineExtensionAmount')) ?? '',
      allowances: text(child(totals, 'AllowanceTotalAmount')),
      charges: text(child(totals, 'ChargeTotalAmount')),
      taxExclusive: text(child(totals, 'TaxExclusiveAmount')) ?? '',
      tax: text(child(taxTotal, 'TaxAmount')),
      taxInAccountingCurrency: text(child(accountingTaxTotal, 'TaxAmount')),
      taxInclusive: text(child(totals, 'TaxInclusiveAmount')) ?? '',
      prepaid: text(child(totals, 'PrepaidAmount')),
      rounding: text(child(totals, 'PayableRoundingAmount')),
      amountDue: text(child(totals, 'PayableAmount')) ?? '',
    }),
    vatBreakdown: children(taxTotal, 'TaxSubtotal').map((subtotal) =>
      defined({
        taxableAmount: text(child(subtotal, 'TaxableAmount')) ?? '',
        taxAmount: text(child(subtotal, 'TaxAmount')) ?? '',
        category: text(child(subtotal, 'TaxCategory', 'ID')) ?? '',
        rate: text(child(subtotal, 'TaxCategory', 'Percent')),
        exemptionReason: text(child(subtotal, 'TaxCategory', 'TaxExemptionReason')),
        exemptionReasonCode: text(child(subtotal, 'TaxCategory', 'TaxExemptionReasonCode')),
      }),
    ),
    lines: children(doc, isCreditNote ? 'CreditNoteLine' : 'InvoiceLine').map((entry) =>
      line(entry, isCreditNote ? 'CreditedQuantity' : 'InvoicedQuantity'),
    ),
  }) as En16931DocumentInput;
}
