import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { DataConverter, PayloadCodec } from '@temporalio/common';
import { AesGcmPayloadCodec } from './payload-codec/aes-gcm-codec';
import { payloadKeys, type PayloadKey } from './payload-codec/keys';

/**
 * The failure converter's file, which Temporal loads by path: in every client and worker, and in the workflow
 * bundle (bundlers pass it as `failureConverterPath`). The source under tsx and tests, the build's .js otherwise.
 */
export const failureConverterPath = ['.ts', '.js']
  .map((ext) => join(__dirname, `failure-converter${ext}`))
  .find((file) => existsSync(file))!;

/**
 * The one data converter of every client and worker: JSON payloads, encrypted on their way to the server, and
 * failure messages and stack traces moved into an encrypted payload as well. Temporal's history, queries,
 * updates, memos and the UI then hold ciphertext only (search attributes stay in clear, as the server must
 * index them, so they never carry personal data).
 */
export function dataConverter(config: { PAYLOAD_KEYS?: PayloadKey[] }): DataConverter {
  return { payloadCodecs: [payloadCodec(config)], failureConverterPath };
}

/** The codec alone, for the codec server that the Temporal UI calls. */
export function payloadCodec(config: { PAYLOAD_KEYS?: PayloadKey[] }): PayloadCodec {
  return new AesGcmPayloadCodec(payloadKeys(config));
}
