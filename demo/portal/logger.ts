import pino, { type Logger } from 'pino';

export type { Logger };

/** JSON logs on stdout; quiet ('warn') unless PORTAL_LOG_LEVEL asks for more. */
export function createPortalLogger(level: string): Logger {
  return pino({ name: 'portal', level, base: { service: 'portal' }, timestamp: pino.stdTimeFunctions.isoTime });
}
