import type { DataConverter, PayloadCodec } from '@temporalio/common';
import { AesGcmPayloadCodec } from './payload-codec/aes-gcm-codec';
import { payloadKeys, type PayloadKey } from './payload-codec/keys';

/**
 * The one data converter of every client and worker: JSON payloads, encrypted on their way to the server.
 * Temporal's history, queries, updates, memos and the UI then hold ciphertext only (search attributes stay
 * in clear, as the server must index them, so they never carry personal data).
 */
export function dataConverter(config: { PAYLOAD_KEYS?: PayloadKey[] }): DataConverter {
  return { payloadCodecs: [payloadCodec(config)] };
}

/** The codec alone, for the codec server that the Temporal UI calls. */
export function payloadCodec(config: { PAYLOAD_KEYS?: PayloadKey[] }): PayloadCodec {
  return new AesGcmPayloadCodec(payloadKeys(config));
}
