import type { Logger } from 'pino';
import type { CsrfTokens } from '../auth/csrf';
import type { SessionStore } from '../auth/sessions';
import type { TotpAttempts } from '../auth/totp-attempts';
import type { Chaos } from '../chaos';
import type { InvoiceDrafts } from '../invoice-drafts';
import type { PortalStore } from '../store';

/** What every route needs, handed to each route module when it registers. */
export interface PortalContext {
  store: PortalStore;
  chaos: Chaos;
  sessions: SessionStore;
  drafts: InvoiceDrafts;
  /** Null: no token configured, so the admin routes do not exist. */
  adminToken: string | null;
  csrf: CsrfTokens;
  totp: TotpAttempts;
  log: Logger;
}
