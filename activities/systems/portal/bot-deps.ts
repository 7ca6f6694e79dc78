import type { ArtifactStore } from '../../engine/artifacts/artifact-store';
import type { PageProvider } from '../../engine/browser/browser-pool';
import type { PortalCredentials } from './pages';
import type { PortalSessions } from './portal-sessions';

/** What every portal bot needs from its worker: the shared browser, where and as whom to sign in, the evidence store. */
export interface PortalBotDeps {
  pool: PageProvider;
  portalUrl: string;
  credentials: PortalCredentials;
  artifacts: ArtifactStore;
  /** Tries of the remaining steps inside one activity attempt before Temporal's retry takes over. */
  stepAttempts?: number;
  /** The worker's portal sessions: a fresh context starts signed in instead of signing in again. */
  sessions?: PortalSessions | undefined;
}
