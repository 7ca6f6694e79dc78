import { z } from 'zod';
import { actorKeyList } from './actor-keys';
import { notifyConfigProblems } from './notify-config';
import { payloadKeysSchema } from './payload-codec/keys';
import { DEVELOPMENT_SESSION_SECRET, productionProblems } from './production-safety';

/** Booleans in the environment: "1/true/yes/on" and "0/false/no/off". */
const envBoolean = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'])
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

const port = z.coerce.number().int().min(0).max(65535);
const duration = z
  .string()
  .regex(/^\d+\s*(seconds?|minutes?|hours?|days?|[smhd])$/, "must be a duration like '2 days' or '4h'");

/** Every setting the engine reads from the environment, with its default. */
// A service identity is named apart from people (`svc-…`), so no user of the inbox can be one.
const serviceIdentity = z
  .string()
  .regex(/^svc-[a-z0-9][a-z0-9-]*$/, 'must be a service identity like svc-drop-folder (svc- and lower-case letters)');

export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  LOG_FORMAT: z.enum(['auto', 'json', 'pretty']).default('auto'),
  DATA_DIR: z.string().min(1).default('.data'),
  TOOLS_DIR: z.string().min(1).default('.tools'),

  // Temporal: an existing cluster when TEMPORAL_ADDRESS is set, else the embedded dev server.
  TEMPORAL_ADDRESS: z
    .string()
    .regex(/^[^\s:]+:\d+$/, 'must be host:port, e.g. localhost:7233')
    .optional(),
  TEMPORAL_NAMESPACE: z.string().min(1).default('bpo'),
  TEMPORAL_API_KEY: z.string().min(1).optional(),
  TEMPORAL_TLS: envBoolean.default(false),
  TEMPORAL_TLS_CERT: z.string().min(1).optional(),
  TEMPORAL_TLS_KEY: z.string().min(1).optional(),
  TEMPORAL_TLS_CA: z.string().min(1).optional(),
  TEMPORAL_TLS_SERVER_NAME: z.string().min(1).optional(),
  TEMPORAL_CLI_PATH: z.string().min(1).optional(),
  TEMPORAL_DEV_PORT: port.default(7233),
  TEMPORAL_UI_PORT: port.default(8233),
  TEMPORAL_TASK_QUEUE_PREFIX: z.string().default(''),

  WORKFLOW_BUNDLE_PATH: z.string().min(1).default('dist/workflow-bundle.js'),
  WORKER_MAX_CONCURRENT_ACTIVITIES: z.coerce.number().int().positive().default(50),
  WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: z.coerce.number().int().positive().default(40),

  // Human tasks: the task store (PostgreSQL at DATABASE_URL, else embedded PGlite under DATA_DIR), the API, notifications.
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  API_PORT: port.default(3000),
  API_HOST: z.string().min(1).default('127.0.0.1'),
  USERS_FILE: z.string().min(1).default('config/users.yaml'),
  // Production refuses this default and anything under 32 characters (platform/production-safety.ts).
  SESSION_SECRET: z.string().min(16, 'must be at least 16 characters').default(DEVELOPMENT_SESSION_SECRET),
  SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  // Login throttling, counted in the database so every API replica agrees: failures per user name and per source
  // address within the window; one more attempt locks that name or address out for the lockout.
  LOGIN_MAX_FAILURES_PER_USER: z.coerce.number().int().positive().default(5),
  LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().positive().default(50),
  LOGIN_FAILURE_WINDOW_MINUTES: z.coerce.number().positive().default(15),
  LOGIN_LOCKOUT_MINUTES: z.coerce.number().positive().default(15),
  // Behind a reverse proxy: whose X-Forwarded-For to believe ('true' for any, or the proxies' addresses/CIDRs,
  // comma-separated). Unset: the connecting address counts, and a forged header cannot dodge the limits.
  API_TRUST_PROXY: z
    .string()
    .regex(/^(true|[0-9a-fA-F.:/]+(\s*,\s*[0-9a-fA-F.:/]+)*)$/, "must be 'true' or the proxies' addresses")
    .optional(),
  // Outages: an API call to Temporal gets this long (queries and Updates 30 s), then the API answers 503 + Retry-After.
  API_TEMPORAL_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(3_500),
  // Signed task actors: the API signs with the newest ACTOR_SIGNING_KEYS (id:base64 seed, newest last); workers
  // verify with ACTOR_VERIFY_KEYS (id:base64 public key), else with the signing keys' public halves. Unset: the
  // published development key, which production refuses (platform/actor-keys.ts).
  ACTOR_SIGNING_KEYS: actorKeyList.optional(),
  ACTOR_VERIFY_KEYS: actorKeyList.optional(),
  // Notifications (task reminders and escalations, invoice outcomes): a log line always, plus a webhook or mail.
  NOTIFY_CHANNEL: z.enum(['log', 'webhook', 'smtp']).optional(),
  NOTIFY_WEBHOOK_URL: z.url({ message: 'must be a URL' }).optional(),
  SMTP_URL: z
    .url({ protocol: /^smtps?$/, message: 'must be a URL like smtp://user:password@host:587 or smtps://…:465' })
    .optional(),
  SMTP_FROM: z
    .string()
    .regex(
      /^(?:[^<>@]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/,
      'must be an address like bpo@example.com or "BPO engine <bpo@example.com>"',
    )
    .optional(),
  API_PUBLIC_URL: z
    .url({ protocol: /^https?$/, message: 'must be the http(s) URL people open the inbox at' })
    .optional(),

  // The legacy portal the bots drive. Unset PORTAL_URL: `npm start` runs the portal in-process on PORTAL_PORT.
  PORTAL_URL: z.url({ message: 'must be a URL like http://127.0.0.1:3100' }).optional(),
  PORTAL_PORT: port.default(3100),
  PORTAL_USER: z.string().min(1).default('bot'),
  PORTAL_PASSWORD: z.string().min(1).default('bot-pass'),
  PORTAL_TOTP_SECRET: z.string().min(1).optional(),

  // Payroll checks: policy thresholds, and when the nightly check runs.
  PAYROLL_MAX_WEEKLY_HOURS: z.coerce.number().positive().default(48),
  PAYROLL_MAX_RATE_CHANGE: z.coerce.number().positive().max(10).default(0.1),
  SCHEDULE_TIME_ZONE: z.string().min(1).default('UTC'),
  PAYROLL_CHECK_AT: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM, e.g. 02:30')
    .default('02:00'),
  DATA_ENTRY_AT: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM, e.g. 01:00')
    .default('01:00'),
  HOLIDAYS_FILE: z.string().min(1).default('config/holidays.yaml'),
  // Data entry: rows the portal rejects become exception tasks for this role; due, then escalated, then expired.
  DATA_ENTRY_EXCEPTION_ROLE: z.string().min(1).default('clerk'),
  DATA_ENTRY_EXCEPTION_DUE_IN: duration.default('2 days'),
  DATA_ENTRY_EXCEPTION_EXPIRE_AFTER: duration.default('3 days'),
  // A drop-folder file above this size is set aside in rejected/ with its reason instead of being read.
  DATA_ENTRY_MAX_FILE_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(8 * 1_048_576),

  // Invoices: approval limits (gross, in the invoice's currency), three-way-match tolerances, discounts, drop folder.
  INVOICE_AUTO_APPROVE_LIMIT: z.coerce.number().min(0).default(1_000),
  INVOICE_DUAL_APPROVAL_LIMIT: z.coerce.number().min(0).default(10_000),
  INVOICE_PRICE_TOLERANCE_PERCENT: z.coerce.number().min(0).max(100).default(2),
  INVOICE_QUANTITY_TOLERANCE_PERCENT: z.coerce.number().min(0).max(100).default(0),
  INVOICE_TAKE_EARLY_PAYMENT_DISCOUNT: envBoolean.default(true),
  INVOICE_APPROVER_ROLE: z.string().min(1).default('approver'),
  INVOICE_EXCEPTION_ROLE: z.string().min(1).default('clerk'),
  INVOICE_BANK_REVIEW_ROLE: z.string().min(1).default('manager'),
  INVOICE_TASK_DUE_IN: z
    .string()
    .regex(/^\d+\s*(seconds?|minutes?|hours?|days?|[smhd])$/, "must be a duration like '2 days' or '4h'")
    .default('2 days'),
  INVOICE_DROP_FOLDER: z.string().min(1).optional(),

  // Service identities: who submits what arrives without a person signed in (the invoice drop folder, the CLI,
  // which talks to Temporal directly). They are never a person, so they hold no deciding role and can never approve.
  DROP_FOLDER_IDENTITY: serviceIdentity.default('svc-drop-folder'),
  CLI_IDENTITY: serviceIdentity.default('svc-cli'),

  // Bots: one Chromium per bots worker, a fresh context per activity.
  CHROMIUM_PATH: z.string().min(1).optional(),
  ARTIFACTS_DIR: z.string().min(1).optional(),
  BOTS_MAX_CONCURRENT_PAGES: z.coerce.number().int().positive().default(4),
  BOTS_RECYCLE_AFTER_PAGES: z.coerce.number().int().positive().default(200),
  BOTS_BROWSER_MEMORY_LIMIT_MB: z.coerce.number().int().positive().default(1024),
  BOTS_ACTION_TIMEOUT_MS: z.coerce.number().int().positive().default(15_000),
  BOTS_TRACE: envBoolean.default(true),
  // Unset: pages are painted only where the browser cannot skip it (not a headless shell).
  BOTS_PAINT_PAGES: envBoolean.optional(),

  // LLM steps (support tickets): any OpenAI-compatible endpoint; without OPENAI_API_KEY an offline summariser serves.
  OPENAI_API_KEY: z.string().min(1).optional(),
  OPENAI_BASE_URL: z.url({ message: 'must be a URL like https://api.openai.com/v1' }).optional(),
  OPENAI_MODEL: z.string().min(1).default('gpt-4o-mini'),
  LLM_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  LLM_OUTPUT_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(3),
  LLM_DAILY_TOKEN_BUDGET: z.coerce.number().int().min(0).default(2_000_000),
  LLM_RATE_LIMIT_PER_SECOND: z.coerce.number().positive().default(5),
  LLM_MAX_CONCURRENT: z.coerce.number().int().positive().default(8),
  LLM_PRICE_INPUT_PER_MTOK: z.coerce.number().min(0).default(0.15),
  LLM_PRICE_OUTPUT_PER_MTOK: z.coerce.number().min(0).default(0.6),
  TICKET_REVIEW_CONFIDENCE: z.coerce.number().min(0).max(1).default(0.75),
  PII_VAULT_KEY: z
    .string()
    .regex(/^(?:[0-9a-fA-F]{64}|[A-Za-z0-9+/]{43}=?)$/, 'must be 32 bytes as 64 hex characters or base64')
    .optional(),

  // Payload encryption: every Temporal payload is sealed with AES-256-GCM. `id:base64-32-bytes`, comma-separated,
  // NEWEST LAST (it encrypts; all decrypt). Unset: a published development key, which production refuses.
  PAYLOAD_KEYS: payloadKeysSchema.optional(),
  // Origins (comma list) whose pages may call the codec server (/codec/*): the Temporal UI. Unset: the dev UI's.
  CODEC_CORS_ORIGINS: z
    .string()
    .regex(
      /^https?:\/\/[^\s,/]+(,\s*https?:\/\/[^\s,/]+)*$/,
      'must be origins like http://localhost:8233, comma-separated',
    )
    .optional(),
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the whole configuration at once, listing every bad or missing variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings mean "unset", as in most .env tooling.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = configSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = issue.path.join('.');
        // Keys and secrets are never repeated (the message ends up in logs).
        const value = /KEYS?$|SECRET|PASSWORD/.test(name) ? undefined : cleaned[name];
        // A URL's user and password stay out of the message (it ends up in logs).
        const shown = value?.replace(/\/\/[^/@\s]*@/, '//***@');
        return `${name}: ${issue.message}${shown === undefined ? '' : ` (got "${shown}")`}`;
      }),
    );
  }
  const config = parsed.data;
  if (Boolean(config.TEMPORAL_TLS_CERT) !== Boolean(config.TEMPORAL_TLS_KEY)) {
    throw new ConfigError(['TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY: set both for mTLS, or neither']);
  }
  // Every problem at once: the notification settings, the keys, and what production refuses (published secrets,
  // development keys, demo users), each naming its variable.
  const problems = [...notifyConfigProblems(config), ...productionProblems(config)];
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** Task queue names, one per worker entry. A prefix lets several environments share a namespace. */
export function taskQueue(config: Pick<Config, 'TEMPORAL_TASK_QUEUE_PREFIX'>, name: 'main' | 'bots' | 'llm'): string {
  return `${config.TEMPORAL_TASK_QUEUE_PREFIX}${name}`;
}

/** The portal the bots drive: the configured URL, else the in-process portal's port. */
export function portalUrl(config: Pick<Config, 'PORTAL_URL' | 'PORTAL_PORT'>): string {
  return (config.PORTAL_URL ?? `http://127.0.0.1:${config.PORTAL_PORT}`).replace(/\/+$/, '');
}

/** Where bots put evidence (screenshots, traces, page HTML). */
export function artifactsDir(config: Pick<Config, 'ARTIFACTS_DIR' | 'DATA_DIR'>): string {
  return config.ARTIFACTS_DIR ?? `${config.DATA_DIR}/artifacts`;
}

/** Where clients and workers connect: the configured cluster, else the embedded dev server's port. */
export function temporalAddress(config: Pick<Config, 'TEMPORAL_ADDRESS' | 'TEMPORAL_DEV_PORT'>): string {
  return config.TEMPORAL_ADDRESS ?? `127.0.0.1:${config.TEMPORAL_DEV_PORT}`;
}
