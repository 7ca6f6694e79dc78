import { randomBytes } from 'node:crypto';
import { DefaultPayloadConverter, type Payload } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../platform/config';
import {
  AesGcmPayloadCodec,
  ENCRYPTED_ENCODING,
  KEY_ID_METADATA,
  PayloadDecryptionError,
  PayloadKeyUnknownError,
} from '../../platform/payload-codec/aes-gcm-codec';
import {
  DEV_PAYLOAD_KEY_ID,
  payloadKeyProblems,
  payloadKeys,
  type PayloadKey,
} from '../../platform/payload-codec/keys';

const converter = new DefaultPayloadConverter();
const key = (id: string): PayloadKey => ({ id, key: randomBytes(32) });
const text = (bytes: Uint8Array | null | undefined) => Buffer.from(bytes ?? []).toString('utf8');
const planted = { iban: 'DE89 3704 0044 0532 0130 00', email: 'jane.doe@example.com', card: '4111 1111 1111 1111' };
const entry = (k: PayloadKey) => `${k.id}:${k.key.toString('base64')}`;

describe('the AES-256-GCM payload codec', () => {
  it('round-trips a payload, metadata included, and leaves no clear text in the encrypted bytes', async () => {
    const codec = new AesGcmPayloadCodec([key('k1')]);
    const original = converter.toPayload(planted);
    const [sealed] = await codec.encode([original]);
    expect(text(sealed!.metadata!.encoding)).toBe(ENCRYPTED_ENCODING);
    expect(text(sealed!.metadata![KEY_ID_METADATA])).toBe('k1');
    expect(Object.keys(sealed!.metadata!)).toEqual(['encoding', KEY_ID_METADATA]);
    const raw = Buffer.from(sealed!.data!).toString('latin1');
    for (const value of [...Object.values(planted), 'json/plain']) expect(raw).not.toContain(value);
    const [opened] = await codec.decode([sealed!]);
    expect(text(opened!.metadata!.encoding)).toBe('json/plain');
    expect(converter.fromPayload(opened!)).toEqual(planted);
  });

  it('uses a fresh IV for every payload, so equal values never give equal bytes', async () => {
    const codec = new AesGcmPayloadCodec([key('k1')]);
    const [a, b] = await codec.encode([converter.toPayload('same'), converter.toPayload('same')]);
    expect(Buffer.from(a!.data!).equals(Buffer.from(b!.data!))).toBe(false);
  });

  it('rotates: new payloads use the newest key, payloads sealed with an older key still decrypt', async () => {
    const old = key('2026-01');
    const newer = key('2026-07');
    const [sealedOld] = await new AesGcmPayloadCodec([old]).encode([converter.toPayload('before rotation')]);
    const rotated = new AesGcmPayloadCodec([old, newer]);
    const [sealedNew] = await rotated.encode([converter.toPayload('after rotation')]);
    expect(text(sealedNew!.metadata![KEY_ID_METADATA])).toBe('2026-07');
    const opened = await rotated.decode([sealedOld!, sealedNew!]);
    expect(opened.map((p) => converter.fromPayload(p))).toEqual(['before rotation', 'after rotation']);
  });

  it('names the key id when a payload was sealed with a key it does not hold', async () => {
    const [sealed] = await new AesGcmPayloadCodec([key('retired')]).encode([converter.toPayload('x')]);
    const decode = new AesGcmPayloadCodec([key('current')]).decode([sealed!]);
    await expect(decode).rejects.toThrow(PayloadKeyUnknownError);
    await expect(decode).rejects.toThrow(/key "retired", which PAYLOAD_KEYS does not hold/);
  });

  it('refuses altered ciphertext and a payload relabelled with another key id', async () => {
    const a = key('a');
    const b: PayloadKey = { id: 'b', key: a.key };
    const codec = new AesGcmPayloadCodec([a, b]);
    const [sealed] = await codec.encode([converter.toPayload('amount 100')]);
    const flipped = Buffer.from(sealed!.data!);
    flipped[20] = flipped[20]! ^ 1;
    await expect(codec.decode([{ ...sealed!, data: flipped }])).rejects.toThrow(PayloadDecryptionError);
    // Same key material under another id: the id is authenticated, so the relabelled payload fails.
    const relabelled: Payload = { ...sealed!, metadata: { ...sealed!.metadata, [KEY_ID_METADATA]: Buffer.from('a') } };
    const [resealedUnderB] = await new AesGcmPayloadCodec([b]).encode([converter.toPayload('x')]);
    relabelled.data = resealedUnderB!.data;
    await expect(codec.decode([relabelled])).rejects.toThrow(PayloadDecryptionError);
  });

  it('passes payloads that are not encrypted through decode unchanged (histories from before encryption)', async () => {
    const clear = converter.toPayload({ status: 'registered' });
    const [decoded] = await new AesGcmPayloadCodec([key('k1')]).decode([clear]);
    expect(decoded).toBe(clear);
  });
});

describe('PAYLOAD_KEYS', () => {
  it('reads a comma list oldest first, and uses the published development key when unset', () => {
    const [a, b] = [key('2026-01'), key('2026-07')];
    const config = loadConfig({ PAYLOAD_KEYS: `${entry(a)}, ${entry(b)}` });
    expect(payloadKeys(config).map((k) => k.id)).toEqual(['2026-01', '2026-07']);
    expect(payloadKeys(config)[1]!.key.equals(b.key)).toBe(true);
    expect(payloadKeys(loadConfig({})).map((k) => k.id)).toEqual([DEV_PAYLOAD_KEY_ID]);
  });

  it.each([
    [
      'a key of the wrong length',
      `short:${randomBytes(16).toString('base64')}`,
      /entry 1 \(key "short"\) must be 32 bytes/,
    ],
    ['an entry without an id', randomBytes(32).toString('base64'), /entry 1 must be id:base64-key/],
    ['a repeated id', `${entry(key('k'))},${entry(key('k'))}`, /entry 2: key id "k" appears twice/],
  ])('names the field and the entry for %s, without repeating the key', (_, value, message) => {
    try {
      loadConfig({ PAYLOAD_KEYS: value });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const problems = (err as ConfigError).problems.join('\n');
      expect(problems).toMatch(/^PAYLOAD_KEYS: /);
      expect(problems).toMatch(message);
      expect(problems).not.toContain(value.split(',')[0]!.split(':').at(-1)!);
    }
  });

  it('production refuses a missing value and the published development key', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/PAYLOAD_KEYS: must be set in production/);
    const published = payloadKeys(loadConfig({}))[0]!;
    const disguised = `renamed:${published.key.toString('base64')}`;
    expect(() => loadConfig({ NODE_ENV: 'production', PAYLOAD_KEYS: `${disguised},${entry(key('own'))}` })).toThrow(
      /published development key/,
    );
    // A key of its own passes (production's other settings are checked elsewhere).
    const own = { ...loadConfig({ PAYLOAD_KEYS: entry(key('own')) }), NODE_ENV: 'production' as const };
    expect(payloadKeyProblems(own)).toEqual([]);
    expect(payloadKeys(own)[0]!.id).toBe('own');
  });
});
