import { z } from 'zod';
import { USER_ROLES } from '../store/schema';

// Payloads of the admin (test control) routes. Bulk loads are deliberately lenient about business
// rules (e.g. payroll anomalies are allowed) but strict about shape, so the store file stays loadable.

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-01-31');
const finite = z.number().finite();

export const resetSchema = z
  .object({
    seed: z.enum(['default', 'empty']).default('default'),
    /** Also put chaos back to the start settings. */
    resetChaos: z.boolean().default(false),
  })
  .strict();

export const vendorsImportSchema = z.object({
  vendors: z.array(
    z.object({
      id: z
        .string()
        .regex(/^V-\d{4,}$/, 'must look like V-0001')
        .optional(),
      name: z.string().min(1),
      vatId: z.string().min(1),
      iban: z.string().min(1),
      email: z.string().optional(),
      address: z.string().optional(),
      active: z.boolean().optional(),
    }),
  ),
});

export const purchaseOrdersImportSchema = z.object({
  purchaseOrders: z.array(
    z.object({
      id: z
        .string()
        .regex(/^PO-\d{4,}$/, 'must look like PO-0001')
        .optional(),
      vendorId: z
        .string()
        .min(1)
        .transform((s) => s.toUpperCase()),
      orderDate: isoDate,
      currency: z.string().regex(/^[A-Za-z]{3}$/),
      lines: z
        .array(
          z.object({
            lineNo: z.number().int().positive().optional(),
            sku: z.string().min(1),
            description: z.string().default(''),
            quantity: finite,
            unitPrice: finite,
          }),
        )
        .min(1),
    }),
  ),
});

export const goodsReceiptsImportSchema = z.object({
  goodsReceipts: z.array(
    z.object({
      id: z
        .string()
        .regex(/^GR-\d{4,}$/, 'must look like GR-0001')
        .optional(),
      purchaseOrderId: z.string().min(1),
      receiptDate: isoDate,
      lines: z.array(z.object({ lineNo: z.number().int().positive(), receivedQuantity: finite })).min(1),
    }),
  ),
});

export const employeesImportSchema = z.object({
  employees: z.array(
    z.object({
      id: z
        .string()
        .regex(/^E-\d{5,}$/, 'must look like E-00001')
        .optional(),
      name: z.string().min(1),
      department: z.string().optional(),
      hireDate: isoDate.optional(),
      status: z.enum(['active', 'terminated']).optional(),
      terminationDate: isoDate.nullable().optional(),
      payRate: finite,
      bankIban: z.string(),
    }),
  ),
});

export const payrollRunsImportSchema = z.object({
  payrollRuns: z.array(
    z.object({
      id: z
        .string()
        .regex(/^PR-\d{4}-\d{2}$/, 'must look like PR-2026-01')
        .optional(),
      periodStart: isoDate,
      periodEnd: isoDate,
      status: z.enum(['draft', 'approved', 'paid']).optional(),
      lines: z.array(
        z.object({
          employeeId: z.string().min(1),
          employeeName: z.string().optional(),
          hours: finite,
          timesheetHours: finite,
          rate: finite,
          gross: finite,
          deductions: finite,
          taxes: finite,
          net: finite,
          bankIban: z.string(),
        }),
      ),
    }),
  ),
});

export const usersImportSchema = z.object({
  users: z.array(
    z.object({
      username: z.string().min(1),
      password: z.string().min(1),
      displayName: z.string().optional(),
      role: z.enum(USER_ROLES).optional(),
      totpSecret: z
        .string()
        .regex(/^[A-Z2-7]{16,}$/, 'must be base32 (A-Z, 2-7), at least 16 characters')
        .nullable()
        .optional(),
    }),
  ),
});
