import { Transform, type TransformCallback } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import { ApiError } from './errors';

/** Deeper JSON than this is refused before parsing: no request of ours nests beyond a handful of levels. */
export const MAX_JSON_DEPTH = 32;

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** Bodies read as text (JSON, CSV, XML, forms): these must be valid UTF-8 and are checked as they stream in. */
export function isTextBody(contentType: string): boolean {
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return (
    type.startsWith('text/') ||
    type === 'application/json' ||
    type.endsWith('+json') ||
    type.endsWith('/xml') ||
    type.endsWith('+xml') ||
    type === 'application/x-www-form-urlencoded'
  );
}

const isJson = (contentType: string) => {
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return type === 'application/json' || type.endsWith('+json');
};

/**
 * Checks a body while it streams, before any parser sees it: invalid UTF-8 is refused (a text parser would
 * silently turn it into U+FFFD), and JSON nesting deeper than the limit is refused (the parser and the schema
 * validators recurse, and a deep body used to end in a 500). Both scans are byte-level and keep no copy.
 */
export class BodyGuard extends Transform {
  /** Fastify compares this with Content-Length and the body limit. */
  receivedEncodedLength = 0;
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private depth = 0;
  private inString = false;
  private escaped = false;

  constructor(
    private readonly checkDepth: boolean,
    private readonly maxDepth = MAX_JSON_DEPTH,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.receivedEncodedLength += chunk.length;
    try {
      this.decoder.decode(chunk, { stream: true });
    } catch {
      return done(invalidUtf8());
    }
    if (this.checkDepth) {
      const refusal = this.scanDepth(chunk);
      if (refusal) return done(refusal);
    }
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    try {
      this.decoder.decode();
    } catch {
      return done(invalidUtf8());
    }
    done();
  }

  /** Counts open objects and arrays outside strings; these bytes never occur inside a multi-byte UTF-8 character. */
  private scanDepth(chunk: Buffer): ApiError | undefined {
    for (const byte of chunk) {
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (byte === BACKSLASH) this.escaped = true;
        else if (byte === QUOTE) this.inString = false;
      } else if (byte === QUOTE) this.inString = true;
      else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
        if (++this.depth > this.maxDepth)
          return new ApiError(400, 'too_deep', `the request body nests deeper than ${this.maxDepth} levels`, [
            { path: '', message: `must not nest objects and arrays deeper than ${this.maxDepth} levels` },
          ]);
      } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) this.depth = Math.max(0, this.depth - 1);
    }
    return undefined;
  }
}

const invalidUtf8 = () =>
  new ApiError(400, 'invalid_encoding', 'the request body is not valid UTF-8', [
    { path: '', message: 'must be text encoded as UTF-8 (it holds a byte sequence that is not)' },
  ]);

/** The preParsing hook: text bodies pass through a guard, anything else as it came. */
export async function guardBody(request: FastifyRequest, _reply: unknown, payload: NodeJS.ReadableStream) {
  const contentType = request.headers['content-type'];
  if (!contentType || !isTextBody(contentType)) return payload;
  const guard = new BodyGuard(isJson(contentType));
  // An error on the source (client gone) reaches the parser through the guard.
  payload.on('error', (err) => guard.destroy(err));
  return payload.pipe(guard);
}
