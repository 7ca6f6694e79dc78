import { Context, log } from '@temporalio/activity';
import type { CreatedVendor, ExistingVendor, VendorLookUp } from '../../schemas/vendor-onboarding/vendor-onboarding';
import type { PortalBotDeps } from '../systems/portal/bot-deps';
import {
  compactIban,
  NewVendorPage,
  VendorDetailPage,
  VendorListPage,
  type VendorDetails,
} from '../systems/portal/pages';
import { PortalRejectedError } from '../systems/portal/portal-errors';
import { runBotStep } from '../systems/portal/run-bot-step';

export interface NewVendor {
  name: string;
  vatId: string;
  iban: string;
  email: string;
  address: string;
}

/** Heartbeat details of the create step: the vendor once the portal has saved it, so a retry does not enter it twice. */
interface CreateProgress {
  vendorId?: string;
  resumed?: boolean;
}

export type CreateVendorResult =
  ({ outcome: 'created' } & CreatedVendor) | { outcome: 'duplicate'; duplicate: ExistingVendor };

const same = (a: string, b: string) =>
  a.replace(/\s+/g, ' ').trim().toLowerCase() === b.replace(/\s+/g, ' ').trim().toLowerCase();

/** Whether a vendor the portal holds is this request's (an earlier attempt saved it before it could say so). */
function isThisRequest(vendor: VendorDetails, wanted: NewVendor): boolean {
  return (
    compactIban(vendor.iban) === compactIban(wanted.iban) &&
    same(vendor.name, wanted.name) &&
    same(vendor.email, wanted.email)
  );
}

/** The process's portal bots, on the bots queue, each run by the engine's bot runner. */
export function createVendorOnboardingBots(deps: PortalBotDeps) {
  return {
    /** Vendors that already hold this VAT id or this bank account. */
    async lookUpOnboardingVendor(input: { vatId: string; iban: string }): Promise<VendorLookUp> {
      return runBotStep(deps, {
        label: `onboarding-lookup-${input.vatId}`,
        details: { vatId: input.vatId },
        signInTo: () => '/vendors',
        work: async ({ page }) => {
          const register = new VendorListPage(page, deps.portalUrl);
          const byVatId = await register.findByVatId(input.vatId);
          const byIban = await register.findByIban(input.iban);
          const duplicates: ExistingVendor[] = [
            ...byVatId.map((v) => ({ vendorId: v.vendorId, name: v.name, matchedOn: 'vatId' as const })),
            ...byIban
              .filter((v) => !byVatId.some((w) => w.vendorId === v.vendorId))
              .map((v) => ({ vendorId: v.vendorId, name: v.name, matchedOn: 'iban' as const })),
          ];
          return { duplicates };
        },
      });
    },

    /**
     * Creates the approved vendor exactly once: looks the VAT id up first (someone may have entered it since the
     * check), creates, reads it back and saves its page as evidence of success.
     */
    async createOnboardingVendor(input: NewVendor): Promise<CreateVendorResult> {
      const ctx = Context.current();
      const progress: CreateProgress = { ...((ctx.info.heartbeatDetails as CreateProgress | undefined) ?? {}) };
      if (progress.vendorId) log.info('resuming vendor creation', { ...progress });
      return runBotStep<CreateVendorResult>(deps, {
        label: `onboarding-create-${input.vatId}`,
        details: { vatId: input.vatId },
        progress: () => ({ ...progress }),
        signInTo: () => (progress.vendorId ? `/vendors/${progress.vendorId}` : '/vendors/new'),
        work: async ({ page }, { fail, saveEvidence }) => {
          const details = new VendorDetailPage(page, deps.portalUrl);
          if (!progress.vendorId) {
            const form = await new NewVendorPage(page, deps.portalUrl).show();
            const [present] = await new VendorListPage(page, deps.portalUrl).findByVatId(input.vatId);
            if (present) {
              const read = await details.read(present.vendorId);
              if (!read || !isThisRequest(read, input))
                return {
                  outcome: 'duplicate',
                  duplicate: { vendorId: present.vendorId, name: present.name, matchedOn: 'vatId' },
                };
              Object.assign(progress, { vendorId: present.vendorId, resumed: true });
            } else {
              try {
                Object.assign(progress, { vendorId: await form.create(input), resumed: false });
              } catch (err) {
                const taken =
                  err instanceof PortalRejectedError &&
                  err.fieldErrors.some((e) => e.field === 'vatId' && /already exists/.test(e.message));
                if (!taken) throw err;
                // Entered by someone else between the look-up and the form: not ours to create.
                const [holder] = await new VendorListPage(page, deps.portalUrl).findByVatId(input.vatId);
                return {
                  outcome: 'duplicate',
                  duplicate: { vendorId: holder?.vendorId ?? '?', name: holder?.name ?? '?', matchedOn: 'vatId' },
                };
              }
            }
            ctx.heartbeat({ ...progress });
          }
          const vendorId = progress.vendorId as string;
          const read = await details.read(vendorId);
          if (!read) throw new Error(`vendor ${vendorId} is missing from the portal right after it was created`);
          if (!isThisRequest(read, input))
            throw await fail(
              'PortalVerificationFailed',
              new Error(`vendor ${vendorId} reads back with another name, IBAN or e-mail than was entered`),
            );
          const evidence = await saveEvidence();
          return { outcome: 'created', vendorId, evidence, resumed: progress.resumed === true };
        },
      });
    },
  };
}

export type VendorOnboardingBots = ReturnType<typeof createVendorOnboardingBots>;
