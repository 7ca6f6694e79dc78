import { composeIBAN } from 'ibantools';
import { lineNet, round2, sumAmounts } from './money';
import { computeLine, invoiceTotals } from './invoices';
import { formatId } from './ids';
import { randomDigits, seededRandom } from './random';
import {
  STORE_FORMAT_VERSION,
  type Employee,
  type GoodsReceipt,
  type Invoice,
  type PayrollLine,
  type PayrollRun,
  type PortalData,
  type PurchaseOrder,
  type User,
  type Vendor,
} from './schema';
import { deterministicSalt, hashPasswordSync } from './users';

// The first-start data set. Everything derives from a fixed PRNG seed and from the month the portal is first
// started in, so two fresh portals of the same month hold identical data and tests can rely on ids like V-0001;
// the payroll runs are the two months before that month (paid) and that month itself (draft), so the nightly
// check always finds this month's run however long after the code was written the demo is started.

/** Base32 TOTP secret of the seeded `secure` user (tests and demo bots compute codes from it). */
export const SECURE_USER_TOTP_SECRET = 'PORTALSECUREUSERTOTPSECRETKEY234';

export const SEED_USERS = [
  { username: 'clerk', password: 'clerk-pass', displayName: 'Clara Clerk', role: 'clerk', totpSecret: null },
  { username: 'bot', password: 'bot-pass', displayName: 'Back-office Bot', role: 'clerk', totpSecret: null },
  {
    username: 'secure',
    password: 'secure-pass',
    displayName: 'Sam Secure',
    role: 'clerk',
    totpSecret: SECURE_USER_TOTP_SECRET,
  },
  { username: 'admin', password: 'admin-pass', displayName: 'Ada Admin', role: 'admin', totpSecret: null },
] as const;

/** Calendar months relative to the seed's month: `month(-1)` is the month before, as `YYYY-MM` and its last day. */
interface SeedCalendar {
  month(offset: number): { ym: string; lastDay: string };
  /** A day of a month relative to the seed's month, as `YYYY-MM-DD`. */
  day(offset: number, dayOfMonth: number): string;
  /** When the seed's records were created: the first of the month two months back, at 08:00 UTC. */
  createdAt: string;
}

function seedCalendar(now: Date): SeedCalendar {
  const month = (offset: number) => {
    const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1));
    const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0));
    return { ym: first.toISOString().slice(0, 7), lastDay: last.toISOString().slice(0, 10) };
  };
  return {
    month,
    day: (offset, dayOfMonth) => `${month(offset).ym}-${String(dayOfMonth).padStart(2, '0')}`,
    createdAt: `${month(-2).ym}-01T08:00:00.000Z`,
  };
}
/** Vendor V-0005 is seeded inactive, to exercise the "inactive vendor" rule. */
export const SEED_INACTIVE_VENDOR_ID = 'V-0005';

let cachedUsers: User[] | null = null;
function seedUsers(): User[] {
  // Hashing is the slow part of a reset; the result is deterministic, so compute it once per process.
  cachedUsers ??= SEED_USERS.map((u) => {
    const salt = deterministicSalt(u.username);
    return {
      username: u.username,
      displayName: u.displayName,
      role: u.role,
      passwordSalt: salt,
      passwordHash: hashPasswordSync(u.password, salt),
      totpSecret: u.totpSecret,
    };
  });
  return cachedUsers.map((u) => ({ ...u }));
}

interface CountryProfile {
  code: string;
  country: string;
  cities: Array<[string, string]>;
  street: string;
  vat: (random: () => number) => string;
  bban: (random: () => number) => string;
}

const COUNTRIES: CountryProfile[] = [
  {
    code: 'DE',
    country: 'Germany',
    cities: [
      ['10115', 'Berlin'],
      ['80331', 'München'],
      ['20095', 'Hamburg'],
      ['50667', 'Köln'],
    ],
    street: 'Industriestraße',
    vat: (r) => `DE${randomDigits(r, 9)}`,
    bban: (r) => randomDigits(r, 18),
  },
  {
    code: 'AT',
    country: 'Austria',
    cities: [
      ['1010', 'Wien'],
      ['8010', 'Graz'],
    ],
    street: 'Gewerbepark',
    vat: (r) => `ATU${randomDigits(r, 8)}`,
    bban: (r) => randomDigits(r, 16),
  },
  {
    code: 'NL',
    country: 'Netherlands',
    cities: [
      ['1011', 'Amsterdam'],
      ['3011', 'Rotterdam'],
    ],
    street: 'Havenweg',
    vat: (r) => `NL${randomDigits(r, 9)}B${randomDigits(r, 2)}`,
    bban: (r) => `INGB${randomDigits(r, 10)}`,
  },
  {
    code: 'GB',
    country: 'United Kingdom',
    cities: [
      ['EC1A 1BB', 'London'],
      ['M1 1AE', 'Manchester'],
    ],
    street: 'Commerce Road',
    vat: (r) => `GB${randomDigits(r, 9)}`,
    bban: (r) => `NWBK${randomDigits(r, 14)}`,
  },
];

const VENDOR_NAMES = [
  'Acme Office Supplies',
  'Brightline Logistics',
  'Cobalt IT Services',
  'Delta Facility Management',
  'Obsolete Supplies',
  'Evergreen Catering',
  'Fulcrum Engineering',
  'Granite Print & Copy',
  'Harbor Freight Partners',
  'Ionic Cleaning Services',
  'Juniper Software',
  'Keystone Security',
  'Lumen Electrical',
  'Meridian Travel',
  'Northwind Traders',
  'Orbit Telecom',
  'Pinnacle Consulting',
  'Quartz Furniture',
  'Riverbend Energy',
  'Summit Legal Advisors',
  'Tandem Staffing',
  'Umbra Media',
  'Vertex Hardware',
  'Willow Packaging',
];
const LEGAL_FORM: Record<string, string> = { DE: 'GmbH', AT: 'GmbH', NL: 'B.V.', GB: 'Ltd' };

const FIRST_NAMES = [
  'Anna',
  'Ben',
  'Carla',
  'David',
  'Elif',
  'Felix',
  'Greta',
  'Hannes',
  'Ines',
  'Jonas',
  'Katrin',
  'Lukas',
  'Mira',
  'Noah',
  'Olga',
  'Paul',
  'Rosa',
  'Samir',
  'Tina',
  'Umut',
];
const LAST_NAMES = [
  'Becker',
  'Schmidt',
  'Novak',
  'Jansen',
  'Meyer',
  'Kowalski',
  'Rossi',
  'Weber',
  'Fischer',
  'Yilmaz',
  'Hoffmann',
  'Berger',
];
const DEPARTMENTS = ['Finance', 'Operations', 'Customer Service', 'Warehouse', 'IT', 'HR'];

const PRODUCTS: Array<[string, string, number]> = [
  ['SKU-1001', 'Copy paper A4, 80 g, box of 5 reams', 24.9],
  ['SKU-1002', 'Toner cartridge, black', 89.5],
  ['SKU-2001', 'Laptop docking station', 179],
  ['SKU-2002', '27" monitor', 249.99],
  ['SKU-3001', 'Office chair, ergonomic', 329],
  ['SKU-4001', 'Cleaning service, monthly', 1150],
  ['SKU-5001', 'Consulting day rate', 1200],
  ['SKU-6001', 'Pallet transport, domestic', 185.4],
];

function composeValidIban(countryCode: string, bban: string): string {
  const iban = composeIBAN({ countryCode, bban });
  if (!iban) throw new Error(`seed: could not compose an IBAN for ${countryCode}${bban}`);
  return iban;
}

function seedVendors(random: () => number, createdAt: string): Vendor[] {
  return VENDOR_NAMES.map((base, i) => {
    const profile = COUNTRIES[i % COUNTRIES.length] as CountryProfile;
    const [postcode, city] = profile.cities[i % profile.cities.length] as [string, string];
    const slug = base
      .toLowerCase()
      .replace(/[^a-z]+/g, '-')
      .replace(/^-|-$/g, '');
    const id = formatId('vendor', i + 1);
    return {
      id,
      name: `${base} ${LEGAL_FORM[profile.code] ?? ''}`.trim(),
      vatId: profile.vat(random),
      iban: composeValidIban(profile.code, profile.bban(random)),
      email: `ap@${slug}.example`,
      address: `${profile.street} ${1 + Math.floor(random() * 120)}\n${postcode} ${city}\n${profile.country}`,
      active: id !== SEED_INACTIVE_VENDOR_ID,
      createdAt,
      createdBy: 'seed',
    };
  });
}

function seedPurchasing(
  random: () => number,
  vendors: Vendor[],
  calendar: SeedCalendar,
): { orders: PurchaseOrder[]; receipts: GoodsReceipt[] } {
  const orders: PurchaseOrder[] = [];
  const receipts: GoodsReceipt[] = [];
  for (let i = 0; i < 12; i += 1) {
    const vendor = vendors[(i * 5) % vendors.length] as Vendor;
    const lineCount = 1 + Math.floor(random() * 4);
    const lines = Array.from({ length: lineCount }, (_, n) => {
      const [sku, description, unitPrice] = PRODUCTS[Math.floor(random() * PRODUCTS.length)] as [
        string,
        string,
        number,
      ];
      return { lineNo: n + 1, sku, description, quantity: 1 + Math.floor(random() * 20), unitPrice };
    });
    const po: PurchaseOrder = {
      id: formatId('purchaseOrder', i + 1),
      vendorId: vendor.id === SEED_INACTIVE_VENDOR_ID ? 'V-0001' : vendor.id,
      orderDate: calendar.day(-2, 1 + i * 2),
      currency: vendor.iban.startsWith('GB') ? 'GBP' : 'EUR',
      status: 'open',
      lines,
    };
    // The first eight orders have receipts: full for even ones, partial (first line short) for odd ones.
    if (i < 8) {
      const partial = i % 2 === 1;
      receipts.push({
        id: formatId('goodsReceipt', receipts.length + 1),
        purchaseOrderId: po.id,
        receiptDate: calendar.day(-2, 2 + i * 2),
        lines: lines.map((l, n) => ({
          lineNo: l.lineNo,
          sku: l.sku,
          receivedQuantity: partial && n === 0 ? Math.max(0, l.quantity - 1) : l.quantity,
        })),
      });
      po.status = partial ? 'partially-received' : 'received';
    }
    orders.push(po);
  }
  return { orders, receipts };
}

function seedInvoices(orders: PurchaseOrder[], calendar: SeedCalendar): Invoice[] {
  const invoices: Invoice[] = [];
  const make = (
    po: PurchaseOrder,
    invoiceNumber: string,
    doc: number,
    invoiceDate: string,
    dueDate: string,
  ): Invoice => {
    const lines = po.lines.map((l, i) =>
      computeLine({ description: l.description, quantity: l.quantity, unitPrice: l.unitPrice, taxRate: 19 }, i + 1),
    );
    return {
      documentNumber: formatId('document', doc),
      vendorId: po.vendorId,
      invoiceNumber,
      invoiceDate,
      dueDate,
      currency: po.currency,
      purchaseOrderId: po.id,
      lines,
      ...invoiceTotals(lines),
      status: 'posted',
      postedAt: calendar.createdAt,
      postedBy: 'clerk',
      reversal: null,
    };
  };
  const year = calendar.month(-2).ym.slice(0, 4);
  invoices.push(make(orders[0] as PurchaseOrder, `RE-${year}-10481`, 1, calendar.day(-2, 5), calendar.day(-1, 4)));
  invoices.push(make(orders[2] as PurchaseOrder, 'INV-77120', 2, calendar.day(-2, 9), calendar.day(-1, 8)));
  const reversed = make(orders[4] as PurchaseOrder, `F-${year}-0093`, 3, calendar.day(-2, 12), calendar.day(-1, 11));
  reversed.status = 'reversed';
  reversed.reversal = {
    documentNumber: formatId('document', 4),
    reversedAt: calendar.createdAt,
    reversedBy: 'clerk',
    reason: 'Posted to the wrong vendor',
  };
  invoices.push(reversed);
  return invoices;
}

function seedEmployees(random: () => number, calendar: SeedCalendar): Employee[] {
  return Array.from({ length: 40 }, (_, i) => {
    const first = FIRST_NAMES[i % FIRST_NAMES.length] as string;
    const last = LAST_NAMES[(i * 7) % LAST_NAMES.length] as string;
    const terminated = i === 6 || i === 17 || i === 31;
    return {
      id: formatId('employee', i + 1),
      name: `${first} ${last}`,
      department: DEPARTMENTS[i % DEPARTMENTS.length] as string,
      hireDate: `20${String(15 + (i % 10)).padStart(2, '0')}-${String(1 + (i % 12)).padStart(2, '0')}-01`,
      status: terminated ? 'terminated' : 'active',
      terminationDate: terminated ? calendar.month(-2).lastDay : null,
      payRate: round2(18 + Math.floor(random() * 2400) / 100),
      bankIban: composeValidIban('DE', randomDigits(random, 18)),
    };
  });
}

function payrollLine(employee: Employee, hours: number, timesheetHours = hours): PayrollLine {
  const gross = lineNet(hours, employee.payRate);
  const deductions = round2(gross * 0.02);
  const taxes = round2(gross * 0.21);
  return {
    employeeId: employee.id,
    employeeName: employee.name,
    hours,
    timesheetHours,
    rate: employee.payRate,
    gross,
    deductions,
    taxes,
    net: round2(gross - sumAmounts([deductions, taxes])),
    bankIban: employee.bankIban,
  };
}

/**
 * Two clean, paid months (the two before the seed's month) and the seed's month as a draft with known anomalies
 * for the payroll-check bot:
 * E-00007 is terminated but paid, E-00003 has more paid hours than timesheet hours,
 * E-00012 is paid to an IBAN that differs from the master data.
 */
function seedPayrollRuns(employees: Employee[], calendar: SeedCalendar): PayrollRun[] {
  const months = ([-2, -1, 0] as const).map((offset) => {
    const { ym, lastDay } = calendar.month(offset);
    return {
      id: `PR-${ym}`,
      periodStart: `${ym}-01`,
      periodEnd: lastDay,
      status: offset === 0 ? 'draft' : 'paid',
      oldest: offset === -2,
    } as const;
  });
  return months.map(({ id, periodStart, periodEnd, status, oldest }) => {
    const draft = status === 'draft';
    // The terminated employees left at the end of the oldest month, so only that month pays them (rightly).
    const lines = employees
      .filter((e) => e.status === 'active' || (draft && e.id === 'E-00007') || oldest)
      .map((e, i) => {
        const hours = 150 + ((i * 3) % 20);
        if (draft && e.id === 'E-00003') return payrollLine(e, hours + 12, hours);
        const line = payrollLine(e, hours);
        if (draft && e.id === 'E-00012') line.bankIban = composeValidIban('DE', '500105175407324931');
        return line;
      });
    return {
      id,
      periodStart,
      periodEnd,
      status,
      createdAt: calendar.createdAt,
      approvedBy: draft ? null : 'admin',
      lines,
    };
  });
}

/** The demo data set as of `now` (the payroll runs and dates follow its month). */
export function createSeedData(now: Date = new Date()): PortalData {
  const calendar = seedCalendar(now);
  const random = seededRandom(20260105);
  const vendors = seedVendors(random, calendar.createdAt);
  const { orders, receipts } = seedPurchasing(random, vendors, calendar);
  const invoices = seedInvoices(orders, calendar);
  const employees = seedEmployees(random, calendar);
  return {
    version: STORE_FORMAT_VERSION,
    sequences: {
      vendor: vendors.length,
      purchaseOrder: orders.length,
      goodsReceipt: receipts.length,
      document: 4,
      employee: employees.length,
    },
    users: seedUsers(),
    vendors,
    purchaseOrders: orders,
    goodsReceipts: receipts,
    invoices,
    employees,
    payrollRuns: seedPayrollRuns(employees, calendar),
  };
}

/** The same users and counters, but no business data: for tests that want to load everything themselves. */
export function createEmptyData(): PortalData {
  return {
    version: STORE_FORMAT_VERSION,
    sequences: { vendor: 0, purchaseOrder: 0, goodsReceipt: 0, document: 0, employee: 0 },
    users: seedUsers(),
    vendors: [],
    purchaseOrders: [],
    goodsReceipts: [],
    invoices: [],
    employees: [],
    payrollRuns: [],
  };
}
