import { z } from 'zod';

// Shapes of everything the portal keeps on disk. The file is validated on load so a hand-edited or
// truncated store fails loudly at start instead of serving half-broken pages.

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-01-31');
const isoTimestamp = z.string().min(1);
const money = z.number().finite();

/** viewer: reads; clerk: enters data (the bots' role); admin: everything (see auth/roles.ts). */
export const USER_ROLES = ['viewer', 'clerk', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const userSchema = z.object({
  username: z.string().min(1),
  displayName: z.string().min(1),
  role: z.enum(USER_ROLES),
  passwordSalt: z.string().min(1),
  passwordHash: z.string().min(1),
  totpSecret: z.string().min(1).nullable(),
});
export type User = z.infer<typeof userSchema>;

export const vendorSchema = z.object({
  id: z.string().regex(/^V-\d{4,}$/),
  name: z.string().min(1),
  vatId: z.string().min(1),
  iban: z.string().min(1),
  email: z.string().min(1),
  address: z.string(),
  active: z.boolean(),
  createdAt: isoTimestamp,
  createdBy: z.string(),
});
export type Vendor = z.infer<typeof vendorSchema>;

export const purchaseOrderLineSchema = z.object({
  lineNo: z.number().int().positive(),
  sku: z.string().min(1),
  description: z.string(),
  quantity: z.number().finite(),
  unitPrice: money,
});
export type PurchaseOrderLine = z.infer<typeof purchaseOrderLineSchema>;

export const purchaseOrderSchema = z.object({
  id: z.string().regex(/^PO-\d{4,}$/),
  vendorId: z.string().min(1),
  orderDate: isoDate,
  currency: z.string().length(3),
  status: z.enum(['open', 'partially-received', 'received', 'closed']),
  lines: z.array(purchaseOrderLineSchema),
});
export type PurchaseOrder = z.infer<typeof purchaseOrderSchema>;

export const goodsReceiptLineSchema = z.object({
  lineNo: z.number().int().positive(),
  sku: z.string().min(1),
  receivedQuantity: z.number().finite(),
});
export type GoodsReceiptLine = z.infer<typeof goodsReceiptLineSchema>;

export const goodsReceiptSchema = z.object({
  id: z.string().regex(/^GR-\d{4,}$/),
  purchaseOrderId: z.string().min(1),
  receiptDate: isoDate,
  lines: z.array(goodsReceiptLineSchema),
});
export type GoodsReceipt = z.infer<typeof goodsReceiptSchema>;

export const invoiceLineSchema = z.object({
  lineNo: z.number().int().positive(),
  description: z.string().min(1),
  quantity: z.number().finite(),
  unitPrice: money,
  taxRate: z.number().finite(),
  netAmount: money,
  taxAmount: money,
  grossAmount: money,
});
export type InvoiceLine = z.infer<typeof invoiceLineSchema>;

export const invoiceSchema = z.object({
  documentNumber: z.string().regex(/^DOC-\d{6,}$/),
  vendorId: z.string().min(1),
  invoiceNumber: z.string().min(1),
  invoiceDate: isoDate,
  dueDate: isoDate,
  currency: z.string().length(3),
  purchaseOrderId: z.string().nullable(),
  lines: z.array(invoiceLineSchema),
  netTotal: money,
  taxTotal: money,
  grossTotal: money,
  status: z.enum(['posted', 'reversed']),
  postedAt: isoTimestamp,
  postedBy: z.string(),
  reversal: z
    .object({
      documentNumber: z.string(),
      reversedAt: isoTimestamp,
      reversedBy: z.string(),
      reason: z.string(),
    })
    .nullable(),
});
export type Invoice = z.infer<typeof invoiceSchema>;

export const employeeSchema = z.object({
  id: z.string().regex(/^E-\d{5,}$/),
  name: z.string().min(1),
  department: z.string(),
  hireDate: isoDate,
  status: z.enum(['active', 'terminated']),
  terminationDate: isoDate.nullable(),
  payRate: money,
  bankIban: z.string(),
});
export type Employee = z.infer<typeof employeeSchema>;

export const payrollLineSchema = z.object({
  employeeId: z.string().min(1),
  employeeName: z.string(),
  hours: z.number().finite(),
  timesheetHours: z.number().finite(),
  rate: money,
  gross: money,
  deductions: money,
  taxes: money,
  net: money,
  bankIban: z.string(),
});
export type PayrollLine = z.infer<typeof payrollLineSchema>;

export const payrollRunSchema = z.object({
  id: z.string().regex(/^PR-\d{4}-\d{2}$/),
  periodStart: isoDate,
  periodEnd: isoDate,
  status: z.enum(['draft', 'approved', 'paid']),
  createdAt: isoTimestamp,
  approvedBy: z.string().nullable(),
  lines: z.array(payrollLineSchema),
});
export type PayrollRun = z.infer<typeof payrollRunSchema>;

export const sequencesSchema = z.object({
  vendor: z.number().int().nonnegative(),
  purchaseOrder: z.number().int().nonnegative(),
  goodsReceipt: z.number().int().nonnegative(),
  document: z.number().int().nonnegative(),
  employee: z.number().int().nonnegative(),
});
export type Sequences = z.infer<typeof sequencesSchema>;

export const STORE_FORMAT_VERSION = 1;

export const portalDataSchema = z.object({
  version: z.literal(STORE_FORMAT_VERSION),
  sequences: sequencesSchema,
  users: z.array(userSchema),
  vendors: z.array(vendorSchema),
  purchaseOrders: z.array(purchaseOrderSchema),
  goodsReceipts: z.array(goodsReceiptSchema),
  invoices: z.array(invoiceSchema),
  employees: z.array(employeeSchema),
  payrollRuns: z.array(payrollRunSchema),
});
export type PortalData = z.infer<typeof portalDataSchema>;

/** A validation problem tied to one form field, shown next to the field and in the error summary. */
export interface FieldError {
  field: string;
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };
