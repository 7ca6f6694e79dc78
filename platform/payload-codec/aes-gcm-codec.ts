import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { PayloadKey } from './keys';

/** Metadata of an encrypted payload; everything else (the original metadata too) is inside the ciphertext. */
export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';

const IV_BYTES = 12;
const TAG_BYTES = 16;
const utf8 = (text: string) => new TextEncoder().encode(text);
const text = (bytes: Uint8Array | null | undefined) => (bytes ? Buffer.from(bytes).toString('utf8') : undefined);

export class PayloadKeyUnknownError extends Error {
  constructor(keyId: string) {
    super(
      `payload encrypted with key "${keyId}", which PAYLOAD_KEYS does not hold: add that key (older keys stay listed)`,
    );
    this.name = 'PayloadKeyUnknownError';
  }
}

export class PayloadDecryptionError extends Error {
  constructor(keyId: string) {
    super(`payload encrypted with key "${keyId}" failed its integrity check: it was altered or the key differs`);
    this.name = 'PayloadDecryptionError';
  }
}

/**
 * AES-256-GCM over the whole serialised payload (metadata and data), a random 12-byte IV per payload, and the
 * key id as associated data, so a payload cannot be passed off under another key's id. Payloads without the
 * encrypted encoding pass through decode unchanged: histories written before encryption still read and replay.
 */
export class AesGcmPayloadCodec implements PayloadCodec {
  private readonly newest: PayloadKey;
  private readonly byId: Map<string, Buffer>;

  /** `keys` oldest first: the last one encrypts, all of them decrypt. */
  constructor(keys: readonly PayloadKey[]) {
    const newest = keys.at(-1);
    if (!newest) throw new Error('the payload codec needs at least one key');
    this.newest = newest;
    this.byId = new Map(keys.map((k) => [k.id, k.key]));
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.encrypt(payload));
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.decrypt(payload));
  }

  encrypt(payload: Payload): Payload {
    const { id, key } = this.newest;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(utf8(id));
    const plain = temporal.api.common.v1.Payload.encode(payload).finish();
    const sealed = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
    return {
      metadata: { encoding: utf8(ENCRYPTED_ENCODING), [KEY_ID_METADATA]: utf8(id) },
      data: new Uint8Array(sealed),
    };
  }

  decrypt(payload: Payload): Payload {
    if (text(payload.metadata?.encoding) !== ENCRYPTED_ENCODING) return payload;
    const id = text(payload.metadata?.[KEY_ID_METADATA]) ?? '';
    const key = this.byId.get(id);
    if (!key) throw new PayloadKeyUnknownError(id);
    const sealed = Buffer.from(payload.data ?? new Uint8Array());
    if (sealed.length < IV_BYTES + TAG_BYTES) throw new PayloadDecryptionError(id);
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES));
    decipher.setAAD(utf8(id));
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    let plain: Buffer;
    try {
      plain = Buffer.concat([decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)), decipher.final()]);
    } catch {
      throw new PayloadDecryptionError(id);
    }
    const decoded = temporal.api.common.v1.Payload.decode(plain);
    return { metadata: decoded.metadata, data: decoded.data };
  }
}
