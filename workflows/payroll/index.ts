// The payroll process's workflows (its bundle entry); its forms are registered where the workflows run.
import { registerForms } from '../../schemas/engine/forms';
import { payrollForms } from '../../schemas/payroll/forms';

registerForms('payroll', payrollForms);

export * from './payroll-check';
export * from './payroll-check-chunk';
