import type { Logger } from 'pino';
import type { SessionStore } from '../auth/sessions';
import type { Chaos } from '../chaos';
import type { InvoiceDrafts } from '../invoice-drafts';
import type { PortalStore } from '../store';

/** What every route needs, handed to each route module when it registers. */
export interface PortalContext {
  store: PortalStore;
  chaos: Chaos;
  sessions: SessionStore;
  drafts: InvoiceDrafts;
  adminToken: string;
  log: Logger;
}
