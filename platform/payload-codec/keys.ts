import { z } from 'zod';

/** One AES-256 key and the id written beside every payload it encrypts. */
export interface PayloadKey {
  id: string;
  key: Buffer;
}

/**
 * The key every development and test setup shares when PAYLOAD_KEYS is unset. It is published in this
 * repository, so it protects nothing: production refuses it (see payloadKeyProblems).
 */
export const DEV_PAYLOAD_KEY_ID = 'dev-published';
/** The development key as a PAYLOAD_KEYS entry, for rotating away from it: list it first, your key after it. */
export const DEV_PAYLOAD_KEY_ENTRY = `${DEV_PAYLOAD_KEY_ID}:eGRVDa74upOd4yiSJBZt0mNf8mKe8bxjbByRng6+Gbo=`;
const DEV_PAYLOAD_KEY: PayloadKey = {
  id: DEV_PAYLOAD_KEY_ID,
  key: Buffer.from(DEV_PAYLOAD_KEY_ENTRY.split(':')[1]!, 'base64'),
};

const keyIdPattern = /^[A-Za-z0-9._-]{1,64}$/;
const base64Pattern = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * `PAYLOAD_KEYS`: a comma list of `id:base64-of-32-bytes`, oldest first and NEWEST LAST. New payloads are
 * encrypted with the last key; every listed key still decrypts, so rotating is appending a key (and dropping
 * the oldest only once nothing encrypted with it is retained). Messages never repeat key material.
 */
export const payloadKeysSchema = z.string().transform((value, ctx): PayloadKey[] => {
  const keys: PayloadKey[] = [];
  const entries = value.split(',').map((e) => e.trim());
  entries.forEach((entry, index) => {
    const where = `entry ${index + 1}`;
    const colon = entry.indexOf(':');
    const id = colon < 0 ? '' : entry.slice(0, colon);
    const material = colon < 0 ? '' : entry.slice(colon + 1);
    if (!keyIdPattern.test(id)) {
      ctx.addIssue({
        code: 'custom',
        message: `${where} must be id:base64-key with an id of letters, digits, dot, dash or underscore (at most 64)`,
      });
      return;
    }
    const key = base64Pattern.test(material) ? Buffer.from(material, 'base64') : Buffer.alloc(0);
    if (key.length !== 32) {
      ctx.addIssue({ code: 'custom', message: `${where} (key "${id}") must be 32 bytes in base64 (44 characters)` });
      return;
    }
    if (keys.some((k) => k.id === id)) {
      ctx.addIssue({ code: 'custom', message: `${where}: key id "${id}" appears twice` });
      return;
    }
    keys.push({ id, key });
  });
  return keys;
});

/** The configured keys, oldest first; the published development key when none are configured. */
export function payloadKeys(config: { PAYLOAD_KEYS?: PayloadKey[] }): PayloadKey[] {
  return config.PAYLOAD_KEYS?.length ? config.PAYLOAD_KEYS : [DEV_PAYLOAD_KEY];
}

/** What production must refuse (one of its checks): no keys of its own, or the published development key. */
export function payloadKeyProblems(config: { PAYLOAD_KEYS?: PayloadKey[] }): string[] {
  if (!config.PAYLOAD_KEYS?.length)
    return [
      'PAYLOAD_KEYS: must be set in production (id:base64-32-bytes, newest last); payloads would use the published development key',
    ];
  const published = config.PAYLOAD_KEYS.filter((k) => k.id === DEV_PAYLOAD_KEY_ID || k.key.equals(DEV_PAYLOAD_KEY.key));
  return published.length > 0
    ? ['PAYLOAD_KEYS: holds the published development key, which anyone can read; generate a key of your own']
    : [];
}
