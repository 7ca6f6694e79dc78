import { randomBytes } from 'node:crypto';
import type { DraftLine, InvoiceHeader, InvoiceHeaderInput } from './store/invoices';
import type { Invoice, Result } from './store/schema';

/**
 * Invoice entry in progress. Drafts live in memory only, like an unsaved form in a legacy system:
 * nothing reaches the books until "Post invoice", and a restart simply drops unfinished entries.
 */
export interface InvoiceDraft {
  id: string;
  owner: string;
  createdAt: number;
  header: InvoiceHeader;
  /** What was typed in step 1, to refill the form when going back. */
  headerInput: InvoiceHeaderInput;
  lines: DraftLine[];
  /** Set while or after posting, so a repeated "Post invoice" returns the same document. */
  posting: Promise<Result<Invoice>> | null;
  documentNumber: string | null;
}

const MAX_AGE_MS = 24 * 60 * 60 * 1000;
const MAX_DRAFTS = 10_000;

export class InvoiceDrafts {
  private drafts = new Map<string, InvoiceDraft>();

  constructor(private readonly now: () => number = Date.now) {}

  create(owner: string, header: InvoiceHeader, headerInput: InvoiceHeaderInput): InvoiceDraft {
    this.evictOld();
    const draft: InvoiceDraft = {
      id: randomBytes(9).toString('base64url'),
      owner,
      createdAt: this.now(),
      header,
      headerInput,
      lines: [],
      posting: null,
      documentNumber: null,
    };
    this.drafts.set(draft.id, draft);
    return draft;
  }

  /** Only the user who started a draft can see it. */
  get(id: string, owner: string): InvoiceDraft | undefined {
    const draft = this.drafts.get(id);
    return draft && draft.owner === owner ? draft : undefined;
  }

  clear(): void {
    this.drafts.clear();
  }

  private evictOld(): void {
    const cutoff = this.now() - MAX_AGE_MS;
    for (const [id, draft] of this.drafts) {
      if (draft.createdAt < cutoff || this.drafts.size >= MAX_DRAFTS) this.drafts.delete(id);
      else break; // insertion order = age order
    }
  }
}
