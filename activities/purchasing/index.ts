import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface PurchasingDeps {
  /** Folder with one JSON file per decided purchase request. */
  dir: string;
}

export interface PurchaseDecision {
  requestId: string;
  item: string;
  amount: number;
  currency: string;
  requestedBy: string;
  decision: 'approve' | 'reject';
  approvers: string[];
  comment?: string;
}

/** The purchasing register where decided requests are filed (the demo's system of record). */
export function createPurchasingActivities(deps: PurchasingDeps) {
  const recordIdOf = (requestId: string) =>
    `PR-${createHash('sha256').update(requestId).digest('hex').slice(0, 10).toUpperCase()}`;
  return {
    /** Keyed by the request id, so a retry finds and returns the record it already wrote. */
    async recordPurchaseDecision(decision: PurchaseDecision): Promise<{ recordId: string; alreadyRecorded: boolean }> {
      await mkdir(deps.dir, { recursive: true });
      const recordId = recordIdOf(decision.requestId);
      const file = join(deps.dir, `${recordId}.json`);
      try {
        await readFile(file);
        return { recordId, alreadyRecorded: true };
      } catch {
        await writeFile(
          file,
          JSON.stringify({ recordId, recordedAt: new Date().toISOString(), ...decision }, null, 2),
          { flag: 'wx' },
        ).catch((err: NodeJS.ErrnoException) => {
          if (err.code !== 'EEXIST') throw err;
        });
        return { recordId, alreadyRecorded: false };
      }
    },
  };
}
