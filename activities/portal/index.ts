import { enterVendorWith, type EnterVendorInput, type EnterVendorResult, type PortalBotDeps } from './enter-vendor';

export type {
  PortalBotDeps,
  EnterVendorInput,
  EnterVendorResult,
  EnterVendorProgress,
  PortalRejectionDetails,
} from './enter-vendor';
export { failureTypes } from './enter-vendor';

/** Bot activities that drive the legacy portal; they run on the `bots` task queue. */
export function createPortalActivities(deps: PortalBotDeps) {
  return {
    async enterVendor(input: EnterVendorInput): Promise<EnterVendorResult> {
      return enterVendorWith(deps, input);
    },
  };
}

export type PortalActivities = ReturnType<typeof createPortalActivities>;
