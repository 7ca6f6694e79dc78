import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_SESSION_TTL_SECONDS, latencyInputSchema, type ChaosSettings } from './chaos';
import { ADMIN_TOKEN_MIN_LENGTH } from './routes/admin-token';

/** Everything the portal reads from the environment, with defaults. */
export const portalEnvSchema = z.object({
  PORTAL_PORT: z.coerce.number().int().min(0).max(65535).default(3100),
  PORTAL_HOST: z.string().min(1).default('127.0.0.1'),
  PORTAL_DATA_DIR: z.string().min(1).default(path.join('.data', 'portal')),
  // No default: without a configured token the admin (test-control) routes do not exist.
  PORTAL_ADMIN_TOKEN: z
    .string()
    .min(ADMIN_TOKEN_MIN_LENGTH, `must be at least ${ADMIN_TOKEN_MIN_LENGTH} characters`)
    .optional(),
  PORTAL_LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('warn'),
  PORTAL_SEED: z.enum(['default', 'empty']).default('default'),
  PORTAL_SESSION_TTL_SECONDS: z.coerce.number().int().positive().default(DEFAULT_SESSION_TTL_SECONDS),
  PORTAL_CHAOS_LATENCY_MS: latencyInputSchema.default({ minMs: 0, maxMs: 0 }),
  PORTAL_CHAOS_ERROR_RATE: z.coerce.number().min(0).max(1).default(0),
  PORTAL_CHAOS_SEED: z.coerce.number().int().optional(),
  PORTAL_LAYOUT: z.enum(['v1', 'v2']).default('v1'),
});

export interface PortalConfig {
  port: number;
  host: string;
  dataDir: string;
  /** Null when PORTAL_ADMIN_TOKEN is unset: the admin routes answer 404. */
  adminToken: string | null;
  logLevel: z.infer<typeof portalEnvSchema>['PORTAL_LOG_LEVEL'];
  seed: 'default' | 'empty';
  chaos: ChaosSettings;
}

export type PortalConfigResult = { ok: true; config: PortalConfig } | { ok: false; problems: string[] };

/** Reads the environment; on failure lists every bad variable (name, reason, value) at once. */
export function loadPortalConfig(env: NodeJS.ProcessEnv = process.env): PortalConfigResult {
  // Empty means unset, as in most .env tooling.
  const relevant = Object.fromEntries(
    Object.entries(env).filter(([k, v]) => k.startsWith('PORTAL_') && v !== undefined && v !== ''),
  );
  const parsed = portalEnvSchema.safeParse(relevant);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? '(environment)');
        const value = relevant[name];
        return `${name}: ${issue.message}${value === undefined ? '' : ` (got "${value}")`}`;
      }),
    };
  }
  const e = parsed.data;
  return {
    ok: true,
    config: {
      port: e.PORTAL_PORT,
      host: e.PORTAL_HOST,
      dataDir: e.PORTAL_DATA_DIR,
      adminToken: e.PORTAL_ADMIN_TOKEN ?? null,
      logLevel: e.PORTAL_LOG_LEVEL,
      seed: e.PORTAL_SEED,
      chaos: {
        latency: e.PORTAL_CHAOS_LATENCY_MS,
        errorRate: e.PORTAL_CHAOS_ERROR_RATE,
        sessionTtlSeconds: e.PORTAL_SESSION_TTL_SECONDS,
        layout: e.PORTAL_LAYOUT,
        seed: e.PORTAL_CHAOS_SEED ?? null,
      },
    },
  };
}
