import type { PortalBotDeps } from '../systems/portal/bot-deps';
import { enterVendorWith, type EnterVendorInput, type EnterVendorResult } from './enter-vendor';

export type { PortalBotDeps } from '../systems/portal/bot-deps';
export type { EnterVendorInput, EnterVendorResult, EnterVendorProgress, PortalRejectionDetails } from './enter-vendor';

/** Bot activities that drive the legacy portal; they run on the `bots` task queue. */
export function createPortalActivities(deps: PortalBotDeps) {
  return {
    async enterVendor(input: EnterVendorInput): Promise<EnterVendorResult> {
      return enterVendorWith(deps, input);
    },
  };
}

export type PortalActivities = ReturnType<typeof createPortalActivities>;
