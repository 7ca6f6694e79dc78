import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
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

/**
 * Keeps the placeholder → value mappings of redacted tickets, encrypted (AES-256-GCM) at rest. Only a reference
 * travels through workflow history and never the values, so redaction stays reversible only inside the engine.
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
    const key = await this.key();
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const data = Buffer.concat([cipher.update(JSON.stringify(mapping), 'utf8'), cipher.final()]);
    const sealed: SealedEntry = {
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
      data: data.toString('base64'),
    };
    const file = join(this.deps.dir, `${ref}.json`);
    await writeFile(`${file}.tmp`, JSON.stringify(sealed));
    await rename(`${file}.tmp`, file);
    return ref;
  }

  async load(ref: string): Promise<Record<string, string>> {
    if (!/^pii-[0-9a-f]{24}$/.test(ref)) throw new Error(`not a vault reference: ${ref}`);
    const sealed = JSON.parse(await readFile(join(this.deps.dir, `${ref}.json`), 'utf8')) as SealedEntry;
    const decipher = createDecipheriv('aes-256-gcm', await this.key(), Buffer.from(sealed.iv, 'base64'));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    const plain = Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]);
    return JSON.parse(plain.toString('utf8')) as Record<string, string>;
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
