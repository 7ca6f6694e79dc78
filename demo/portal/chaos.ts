import { z } from 'zod';
import { seededRandom } from './store/random';

// Fault injection for the bots' robustness tests. Everything is decided when a request arrives,
// before any handler runs, so an injected failure can never leave half-applied changes behind.

export type Layout = 'v1' | 'v2';

export interface ChaosSettings {
  /** Added delay per page request, drawn uniformly from [minMs, maxMs]. */
  latency: { minMs: number; maxMs: number };
  /** Share of page requests answered with HTTP 500 (0..1). */
  errorRate: number;
  /** Sessions end this many seconds after sign-in. */
  sessionTtlSeconds: number;
  /** v2 moves the navigation, reorders fields and columns and renames ids/classes; labels stay the same. */
  layout: Layout;
  /** Seed for the random draws (latency, errors); null = not reproducible. */
  seed: number | null;
}

export const DEFAULT_SESSION_TTL_SECONDS = 8 * 60 * 60;

export const DEFAULT_CHAOS: ChaosSettings = {
  latency: { minMs: 0, maxMs: 0 },
  errorRate: 0,
  sessionTtlSeconds: DEFAULT_SESSION_TTL_SECONDS,
  layout: 'v1',
  seed: null,
};

const ms = z.number().int().min(0).max(120_000);

/** Latency as 250, "250", "100-500", [100, 500] or { minMs: 100, maxMs: 500 }. */
export const latencyInputSchema = z
  .union([
    ms.transform((v) => ({ minMs: v, maxMs: v })),
    z.tuple([ms, ms]).transform(([minMs, maxMs]) => ({ minMs, maxMs })),
    z.object({ minMs: ms, maxMs: ms }),
    z
      .string()
      .regex(/^\s*\d+\s*(-\s*\d+\s*)?$/, 'must be milliseconds like "250" or a range like "100-500"')
      .transform((s) => {
        const [a, b] = s.split('-').map((p) => Number(p.trim()));
        return { minMs: a as number, maxMs: b ?? (a as number) };
      }),
  ])
  .refine((r) => r.minMs <= r.maxMs, 'the minimum must not exceed the maximum')
  .refine((r) => r.maxMs <= 120_000, 'at most 120000 ms');

export const chaosPatchSchema = z
  .object({
    latencyMs: latencyInputSchema.optional(),
    errorRate: z.number().min(0).max(1).optional(),
    sessionTtlSeconds: z.number().int().positive().optional(),
    layout: z.enum(['v1', 'v2']).optional(),
    seed: z.number().int().nullable().optional(),
    /** Ends every session that exists now; later sign-ins work normally. */
    expireSessionsNow: z.boolean().optional(),
  })
  .strict();
export type ChaosPatch = z.input<typeof chaosPatchSchema>;

export interface ChaosDecision {
  delayMs: number;
  fail: boolean;
}

export interface ChaosStats {
  decided: number;
  delayed: number;
  injectedErrors: number;
}

export class Chaos {
  private current: ChaosSettings;
  private random: () => number;
  private sessionsValidAfterMs = 0;
  private counters: ChaosStats = { decided: 0, delayed: 0, injectedErrors: 0 };

  constructor(
    private readonly initial: ChaosSettings = DEFAULT_CHAOS,
    private readonly now: () => number = Date.now,
  ) {
    this.current = structuredClone(initial);
    this.random = this.makeRandom();
  }

  settings(): ChaosSettings {
    return structuredClone(this.current);
  }

  get layout(): Layout {
    return this.current.layout;
  }

  get sessionTtlSeconds(): number {
    return this.current.sessionTtlSeconds;
  }

  /** Applies a (validated) patch; unknown keys or bad values throw a ZodError. */
  update(patch: ChaosPatch): ChaosSettings {
    const p = chaosPatchSchema.parse(patch);
    if (p.latencyMs !== undefined) this.current.latency = p.latencyMs;
    if (p.errorRate !== undefined) this.current.errorRate = p.errorRate;
    if (p.sessionTtlSeconds !== undefined) this.current.sessionTtlSeconds = p.sessionTtlSeconds;
    if (p.layout !== undefined) this.current.layout = p.layout;
    if (p.seed !== undefined) {
      this.current.seed = p.seed;
      this.random = this.makeRandom();
    }
    if (p.expireSessionsNow) this.expireSessionsNow();
    return this.settings();
  }

  /** Back to the settings the portal started with, with zeroed statistics. */
  reset(): ChaosSettings {
    this.current = structuredClone(this.initial);
    this.random = this.makeRandom();
    this.counters = { decided: 0, delayed: 0, injectedErrors: 0 };
    return this.settings();
  }

  expireSessionsNow(): void {
    // +1 so a session created in this same millisecond is expired too.
    this.sessionsValidAfterMs = this.now() + 1;
  }

  /** Sessions created before this instant are expired. */
  get sessionsValidAfter(): number {
    return this.sessionsValidAfterMs;
  }

  /** Draws this request's fate: how long to stall, and whether to fail it instead of handling it. */
  decide(): ChaosDecision {
    const { latency, errorRate } = this.current;
    const delayMs =
      latency.maxMs === 0 ? 0 : Math.round(latency.minMs + this.random() * (latency.maxMs - latency.minMs));
    const fail = errorRate > 0 && this.random() < errorRate;
    this.counters.decided += 1;
    if (delayMs > 0) this.counters.delayed += 1;
    if (fail) this.counters.injectedErrors += 1;
    return { delayMs, fail };
  }

  stats(): ChaosStats {
    return { ...this.counters };
  }

  private makeRandom(): () => number {
    return this.current.seed === null ? Math.random : seededRandom(this.current.seed);
  }
}
