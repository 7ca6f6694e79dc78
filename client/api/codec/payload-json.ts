import type { Payload } from '@temporalio/common';
import { z } from 'zod';

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64');

/** A payload as the remote codec protocol sends it: Temporal's JSON form, bytes in base64. */
export const payloadJson = z.object({
  metadata: z.record(z.string().min(1).max(256), base64).default({}),
  data: base64.optional(),
});

/** `{ payloads: [...] }`, the body of /codec/encode and /codec/decode and of their answers. */
export const payloadsBody = z.object({
  payloads: z.array(payloadJson).max(1_000, 'at most 1000 payloads per request'),
});

export type PayloadJson = z.infer<typeof payloadJson>;

export function fromJson(payload: PayloadJson): Payload {
  return {
    metadata: Object.fromEntries(
      Object.entries(payload.metadata).map(([k, v]) => [k, new Uint8Array(Buffer.from(v, 'base64'))]),
    ),
    data: new Uint8Array(Buffer.from(payload.data ?? '', 'base64')),
  };
}

export function toJson(payload: Payload): PayloadJson {
  return {
    metadata: Object.fromEntries(
      Object.entries(payload.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? []).toString('base64')]),
    ),
    data: Buffer.from(payload.data ?? []).toString('base64'),
  };
}
