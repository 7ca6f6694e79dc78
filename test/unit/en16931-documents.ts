import type { En16931DocumentInput } from '../../schemas/invoices/en16931/document';

/**
 * Documents written for the EN 16931 tests. Each is correct; tests break one amount at a time.
 * The invoice has a return line (negative quantity), a price per base quantity of 2, a line allowance,
 * a document allowance and charge on two standard rates, a prepaid amount and a rounding amount.
 */
export function invoiceWithAllowanceChargePrepaidRounding(): En16931DocumentInput {
  return {
    documentType: 'invoice',
    number: 'INV-2026-0042',
    issueDate: '2026-03-10',
    typeCode: '380',
    currency: 'EUR',
    dueDate: '2026-04-09',
    buyerReference: 'DEPT-17',
    orderReference: 'PO-7781',
    paymentTerms: '30 days net',
    seller: {
      name: 'Muster Supplies GmbH',
      identifiers: [{ id: '4012345000016', scheme: '0088' }],
      legalRegistrationId: { id: 'HRB 12345' },
      vatId: 'DE123456789',
      electronicAddress: { id: 'DE123456789', scheme: '9930' },
      countryCode: 'DE',
    },
    buyer: { name: 'Buyer Holding B.V.', vatId: 'NL123456789B01', countryCode: 'NL' },
    payee: { name: 'Muster Factoring AG', identifier: { id: 'FACT-1' } },
    paymentMeans: [{ typeCode: '58', accountId: 'DE89370400440532013000', remittanceInformation: 'INV-2026-0042' }],
    allowances: [{ amount: '15.00', reason: 'Loyalty discount', vat: { category: 'S', rate: '19' } }],
    charges: [{ amount: '5.00', reason: 'Packaging', vat: { category: 'S', rate: '7' } }],
    lines: [
      {
        id: '1',
        quantity: '10',
        unitCode: 'C62',
        netAmount: '250.30',
        itemName: 'Printer paper',
        price: '25.03',
        vat: { category: 'S', rate: '19' },
      },
      {
        id: '2',
        quantity: '3',
        unitCode: 'KGM',
        netAmount: '140.00',
        itemName: 'Coffee beans',
        price: '100.00',
        baseQuantity: '2',
        allowances: [{ amount: '10.00', reason: 'Volume discount' }],
        vat: { category: 'S', rate: '7' },
      },
      {
        id: '3',
        quantity: '-1',
        unitCode: 'C62',
        netAmount: '-20.00',
        itemName: 'Returned toner',
        price: '20.00',
        vat: { category: 'S', rate: '19' },
      },
    ],
    vatBreakdown: [
      { taxableAmount: '215.30', taxAmount: '40.91', category: 'S', rate: '19' },
      { taxableAmount: '145.00', taxAmount: '10.15', category: 'S', rate: '7' },
    ],
    totals: {
      lineNet: '370.30',
      allowances: '15.00',
      charges: '5.00',
      taxExclusive: '360.30',
      tax: '51.06',
      taxInclusive: '411.36',
      prepaid: '100.00',
      rounding: '-0.01',
      amountDue: '311.35',
    },
  };
}

/** A credit note for part of an earlier invoice; EN 16931 states its amounts positive. */
export function creditNote(): En16931DocumentInput {
  return {
    documentType: 'credit-note',
    number: 'CN-2026-0007',
    issueDate: '2026-03-20',
    typeCode: '381',
    currency: 'EUR',
    paymentTerms: 'Set off against the next payment',
    precedingInvoices: [{ number: 'INV-2026-0042', issueDate: '2026-03-10' }],
    seller: { name: 'Muster Supplies GmbH', vatId: 'DE123456789' },
    buyer: { name: 'Buyer Holding B.V.' },
    lines: [
      {
        id: '1',
        quantity: '2',
        unitCode: 'C62',
        netAmount: '50.06',
        itemName: 'Printer paper, damaged',
        price: '25.03',
        vat: { category: 'S', rate: '19' },
      },
    ],
    vatBreakdown: [{ taxableAmount: '50.06', taxAmount: '9.51', category: 'S', rate: '19' }],
    totals: { lineNet: '50.06', taxExclusive: '50.06', tax: '9.51', taxInclusive: '59.57', amountDue: '59.57' },
  };
}

/** One line each for zero rated, exempt, reverse charge, intra-community supply and export. */
export function zeroExemptReverseChargeIntraCommunityExport(): En16931DocumentInput {
  const line = (id: string, category: 'Z' | 'E' | 'AE' | 'K' | 'G', amount: string) => ({
    id,
    quantity: '1',
    unitCode: 'C62',
    netAmount: amount,
    itemName: `Item under ${category}`,
    price: amount,
    vat: { category, rate: '0' },
  });
  return {
    documentType: 'invoice',
    number: 'INV-2026-0100',
    issueDate: '2026-05-02',
    typeCode: '380',
    currency: 'EUR',
    dueDate: '2026-06-01',
    seller: { name: 'Muster Supplies GmbH', vatId: 'DE123456789' },
    buyer: { name: 'Acheteur SARL', vatId: 'FR12345678901' },
    lines: [
      line('1', 'Z', '100.00'),
      line('2', 'E', '200.00'),
      line('3', 'AE', '300.00'),
      line('4', 'K', '400.00'),
      line('5', 'G', '500.00'),
    ],
    vatBreakdown: [
      { taxableAmount: '100.00', taxAmount: '0.00', category: 'Z', rate: '0' },
      { taxableAmount: '200.00', taxAmount: '0.00', category: 'E', rate: '0', exemptionReason: 'Medical services' },
      { taxableAmount: '300.00', taxAmount: '0.00', category: 'AE', rate: '0', exemptionReasonCode: 'VATEX-EU-AE' },
      { taxableAmount: '400.00', taxAmount: '0.00', category: 'K', rate: '0', exemptionReasonCode: 'VATEX-EU-IC' },
      { taxableAmount: '500.00', taxAmount: '0.00', category: 'G', rate: '0', exemptionReasonCode: 'VATEX-EU-G' },
    ],
    totals: { lineNet: '1500.00', taxExclusive: '1500.00', tax: '0.00', taxInclusive: '1500.00', amountDue: '1500.00' },
  };
}

/** Outside the scope of VAT: no rate anywhere and no VAT ids. */
export function outsideScope(): En16931DocumentInput {
  return {
    documentType: 'invoice',
    number: 'INV-2026-0200',
    issueDate: '2026-05-02',
    typeCode: '380',
    currency: 'EUR',
    dueDate: '2026-06-01',
    seller: { name: 'Verein Musterstadt e.V.', legalRegistrationId: { id: 'VR 4711' } },
    buyer: { name: 'Buyer Holding B.V.' },
    lines: [
      {
        id: '1',
        quantity: '1',
        unitCode: 'C62',
        netAmount: '80.00',
        itemName: 'Membership fee',
        price: '80.00',
        vat: { category: 'O' },
      },
    ],
    vatBreakdown: [{ taxableAmount: '80.00', taxAmount: '0.00', category: 'O', exemptionReason: 'Not subject to VAT' }],
    totals: { lineNet: '80.00', taxExclusive: '80.00', tax: '0.00', taxInclusive: '80.00', amountDue: '80.00' },
  };
}

/** A yen invoice: no minor units, so 7 × 333 at 10 % is 233.1 tax, rounded to 233. */
export function yenInvoice(): En16931DocumentInput {
  return {
    documentType: 'invoice',
    number: 'JP-2026-001',
    issueDate: '2026-07-01',
    typeCode: '380',
    currency: 'JPY',
    dueDate: '2026-07-31',
    seller: { name: 'Kabushiki Kaisha Sample', vatId: 'T1234567890123' },
    buyer: { name: 'Buyer Holding B.V.' },
    lines: [
      {
        id: '1',
        quantity: '7',
        unitCode: 'C62',
        netAmount: '2331',
        itemName: 'Notebook',
        price: '333',
        vat: { category: 'S', rate: '10' },
      },
    ],
    vatBreakdown: [{ taxableAmount: '2331', taxAmount: '233', category: 'S', rate: '10' }],
    totals: { lineNet: '2331', taxExclusive: '2331', tax: '233', taxInclusive: '2564', amountDue: '2564' },
  };
}

/** A Kuwaiti dinar invoice: three minor units (fils), 3 × 1.255 at 5 % is 0.18825 tax, rounded to 0.188. */
export function dinarInvoice(): En16931DocumentInput {
  return {
    documentType: 'invoice',
    number: 'KW-2026-001',
    issueDate: '2026-07-01',
    typeCode: '380',
    currency: 'KWD',
    dueDate: '2026-07-31',
    seller: { name: 'Sample Trading W.L.L.', vatId: 'KW300000000000003' },
    buyer: { name: 'Buyer Holding B.V.' },
    lines: [
      {
        id: '1',
        quantity: '3',
        unitCode: 'C62',
        netAmount: '3.765',
        itemName: 'Filter cartridge',
        price: '1.255',
        vat: { category: 'S', rate: '5' },
      },
    ],
    vatBreakdown: [{ taxableAmount: '3.765', taxAmount: '0.188', category: 'S', rate: '5' }],
    totals: { lineNet: '3.765', taxExclusive: '3.765', tax: '0.188', taxInclusive: '3.953', amountDue: '3.953' },
  };
}
