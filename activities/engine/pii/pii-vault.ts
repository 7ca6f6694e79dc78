import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface PiiVaultDeps {
  dir: string;
  /** 32-byte key as hex or base64; without one a key file is created in `dir` on first use. */
  key?: string;
}

interface SealedEntry {
  iv: string;
  tag: string;
  data: string;
}

const refPattern = /^pii-[0-9a-f]{24}$/;

/** True for a string shaped like a vault reference (says nothing about whether it exists). */
export const isVaultRef = (value: unknown): value is string => typeof value === 'string' && refPattern.test(value);

/**
 * Keeps personal data encrypted (AES-256-GCM) at rest: the placeholder → value mappings of redacted tickets and
 * the raw tickets themselves. Only a reference travels through workflow history and never the values, so
 * redaction stays reversible only inside the engine and the API.
 */
export class PiiVault {
  private keyPromise?: Promise<Buffer>;

  constructor(private readonly deps: PiiVaultDeps) {}

  /** The reference is derived from the owner (the ticket's business key): a retried store overwrites, never forks. */
  static refFor(owner: string): string {
    return `pii-${createHash('sha256').update(owner).digest('hex').slice(0, 24)}`;
  }

  async store(owner: string, mapping: Record<string, string>): Promise<string> {
    const ref = PiiVault.refFor(owner);
    await this.write(ref, mapping);
    return ref;
  }

  async load(ref: string): Promise<Record<string, string>> {
    return (await this.read(ref)) as Record<string, string>;
  }

  /** Rewrites a mapping under its existing reference (it grew: an agent's text brought new values). */
  async replace(ref: string, mapping: Record<string, string>): Promise<void> {
    if (!isVaultRef(ref)) throw new Error(`not a vault reference: ${ref}`);
    await this.write(ref, mapping);
  }

  /** Seals any JSON value under a fresh random reference (a resubmitted ticket never overwrites the first). */
  async seal(value: unknown): Promise<string> {
    const ref = `pii-${randomBytes(12).toString('hex')}`;
    await this.write(ref, value);
    return ref;
  }

  async open(ref: string): Promise<unknown> {
    return this.read(ref);
  }

  async remove(ref: string): Promise<void> {
    if (!isVaultRef(ref)) throw new Error(`not a vault reference: ${ref}`);
    await rm(join(this.deps.dir, `${ref}.json`), { force: true });
  }

  private async write(ref: string, value: unknown): Promise<void> {
    const key = await this.key();
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const data = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
    const sealed: SealedEntry = {
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
      data: data.toString('base64'),
    };
    const file = join(this.deps.dir, `${ref}.json`);
    // A unique temp name: two writers of the same reference never interleave their bytes.
    const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(temp, JSON.stringify(sealed), { mode: 0o600 });
    await rename(temp, file);
  }

  private async read(ref: string): Promise<unknown> {
    if (!isVaultRef(ref)) throw new Error(`not a vault reference: ${ref}`);
    const sealed = JSON.parse(await readFile(join(this.deps.dir, `${ref}.json`), 'utf8')) as SealedEntry;
    const decipher = createDecipheriv('aes-256-gcm', await this.key(), Buffer.from(sealed.iv, 'base64'));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    const plain = Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]);
    return JSON.parse(plain.toString('utf8'));
  }

  private key(): Promise<Buffer> {
    this.keyPromise ??= this.resolveKey();
    return this.keyPromise;
  }

  private async resolveKey(): Promise<Buffer> {
    await mkdir(this.deps.dir, { recursive: true });
    if (this.deps.key) return parseKey(this.deps.key);
    const file = join(this.deps.dir, '.vault-key');
    try {
      return parseKey(await readFile(file, 'utf8'));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    // flag 'wx': when two workers race to create the key, exactly one wins and both then read its key.
    await writeFile(file, randomBytes(32).toString('hex'), { flag: 'wx', mode: 0o600 }).catch(
      (err: NodeJS.ErrnoException) => {
        if (err.code !== 'EEXIST') throw err;
      },
    );
    await chmod(file, 0o600);
    return parseKey(await readFile(file, 'utf8'));
  }
}

export function parseKey(text: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (key.length !== 32) throw new Error('the PII vault key must be 32 bytes, as 64 hex characters or base64');
  return key;
}
