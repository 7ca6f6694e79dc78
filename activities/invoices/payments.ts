import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { log } from '@temporalio/activity';

export interface PaymentOrder {
  businessKey: string;
  documentNumber: string;
  vendorId: string;
  iban: string;
  amount: number;
  currency: string;
  payOn: string;
  discount: number;
}

export interface ReleasedPayment {
  paymentId: string;
  releasedAt: string;
  alreadyReleased: boolean;
}

export const paymentIdOf = (businessKey: string) =>
  `PAY-${createHash('sha256').update(businessKey).digest('hex').slice(0, 12).toUpperCase()}`;

/**
 * The payment run's register: one file per invoice, created exclusively, so a retried release finds the
 * payment it already made instead of paying twice. Stands in for the bank file or payment API.
 */
export async function releasePaymentTo(dir: string, order: PaymentOrder): Promise<ReleasedPayment> {
  await mkdir(dir, { recursive: true });
  const paymentId = paymentIdOf(order.businessKey);
  const file = join(dir, `${paymentId}.json`);
  const releasedAt = new Date().toISOString();
  try {
    await writeFile(file, JSON.stringify({ paymentId, releasedAt, ...order }, null, 2), { flag: 'wx' });
    log.info('payment released', { paymentId, amount: order.amount, currency: order.currency });
    return { paymentId, releasedAt, alreadyReleased: false };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    const existing = JSON.parse(await readFile(file, 'utf8')) as { releasedAt: string };
    return { paymentId, releasedAt: existing.releasedAt, alreadyReleased: true };
  }
}
