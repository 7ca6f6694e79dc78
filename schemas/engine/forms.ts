import type { z } from 'zod';
import { approvalForm } from './approval-form';

/**
 * Task and launch forms by name. A zod schema cannot travel through Temporal as data, so a task carries the
 * form's name and every side (workflow validator, API, inbox) looks the schema up here. The engine knows only
 * its own forms; each process registers its own with `registerForms` (its workflows' entry does, so the workflow
 * bundle has them, and its declaration does for the API and CLI) and declares their types by merging into
 * `FormRegistry`, so `humanTask({ form })` returns that form's typed decision.
 */
export interface FormRegistry {
  approval: typeof approvalForm;
}

export type FormName = keyof FormRegistry & string;
export type FormData<N extends FormName> = z.infer<FormRegistry[N]>;

const registered = new Map<string, { schema: z.ZodType; owner: string }>([
  ['approval', { schema: approvalForm, owner: 'engine' }],
]);

/** Adds a process's forms; the same form again is fine, another process's form of the same name is not. */
export function registerForms(owner: string, forms: Record<string, z.ZodType>): void {
  for (const [name, schema] of Object.entries(forms)) {
    const existing = registered.get(name);
    if (existing && existing.schema !== schema) {
      throw new Error(`form ${name} of ${owner} is already registered by ${existing.owner}`);
    }
    registered.set(name, { schema, owner });
  }
}

export function isFormName(name: string): name is FormName {
  return registered.has(name);
}

export function formSchema<N extends FormName>(name: N): FormRegistry[N] {
  const form = registered.get(name);
  if (!form) throw new TypeError(`unknown form ${name}: no installed process registers it`);
  return form.schema as FormRegistry[N];
}

/** Every registered form's name, for listings. */
export const formNames = (): string[] => [...registered.keys()];
