import { z } from 'zod';
import { defineLlmTask } from '../engine/llm';

/** The details the supporting text must confirm. */
export const checkedFields = ['name', 'vatId', 'iban'] as const;
export type CheckedField = (typeof checkedFields)[number];

/** What the model is given: the details on the form and the supplier's text. */
export const documentCheckInput = z.object({
  name: z.string().min(1, 'is required'),
  vatId: z.string().min(1, 'is required'),
  iban: z.string().min(1, 'is required'),
  supportingText: z.string().min(1, 'is required'),
});
export type DocumentCheckInput = z.infer<typeof documentCheckInput>;

/** The model's answer: which details the text confirms, which it contradicts or leaves out, and how sure it is. */
export const documentCheckAnswer = z.object({
  matches: z.boolean(),
  confirmed: z.array(z.enum(checkedFields)),
  mismatches: z.array(
    z.object({
      field: z.enum(checkedFields),
      problem: z.string().min(1).max(500),
    }),
  ),
  confidence: z.number().min(0).max(1),
});
export type DocumentCheckAnswer = z.infer<typeof documentCheckAnswer>;

/** The task as the workflow names it; the prompt and the offline answer live with the process's activities. */
export const vendorDocumentCheck = defineLlmTask<DocumentCheckInput, DocumentCheckAnswer>(
  'vendor-document-check',
  documentCheckAnswer,
);
