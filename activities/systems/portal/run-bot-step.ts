import { Context, log } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { currentCaseOwner } from '../../engine/artifacts/artifact-owner';
import type { EvidenceRef } from '../../engine/artifacts/artifact-store';
import type { PageLease } from '../../engine/browser/browser-pool';
import { botFailures } from '../../../schemas/engine/failures';
import type { PortalBotDeps } from './bot-deps';
import { captureEvidence } from './capture-evidence';
import { isTechnical, PortalLoginRejectedError, PortalRejectedError, SessionExpiredError } from './portal-errors';
import { signInLease } from './portal-sessions';

export interface BotStep<T> {
  /** Names the step's evidence, e.g. `row-12` or `post-V-0001`. */
  label: string;
  /** Added to the details of every failure (e.g. the row and VAT id a workflow reports on). */
  details?: Record<string, unknown>;
  /** What a heartbeat carries: the step's confirmed progress, so a retried attempt resumes after it. */
  progress?: () => unknown;
  /** Where the sign-in lands, so the first page load is already the one the step needs. */
  signInTo?: () => string | undefined;
  /** The work on a signed-in page. */
  work(lease: PageLease, tools: BotStepTools): Promise<T>;
}

export interface BotStepTools {
  /** Turns an error into a failure from the catalogue, with the evidence of this moment. */
  fail(type: keyof typeof botFailures.specs, err: unknown): Promise<ApplicationFailure>;
  /** Saves the page as it is now (screenshot, HTML, trace), e.g. the saved record, as evidence of success. */
  saveEvidence(): Promise<EvidenceRef>;
}

const pause = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });

/**
 * The one runner every portal bot uses: a fresh page from the worker's browser, signed in (with the worker's
 * saved session when the portal still honours it), heartbeating on every portal answer; technical faults are
 * tried again inside the attempt a few times, then left to Temporal's retry; what the portal refuses becomes a
 * non-retryable failure from the catalogue. Every failure carries its evidence (screenshot, page, trace).
 */
export async function runBotStep<T>(deps: PortalBotDeps, step: BotStep<T>): Promise<T> {
  const ctx = Context.current();
  const signal = ctx.cancellationSignal;
  const attempts = deps.stepAttempts ?? 5;
  const beat = () => ctx.heartbeat(step.progress?.());
  let finished = false;
  return deps.pool
    .withPage<T>(async (lease) => {
      // Every answer from the portal is a sign of life: a page that hangs stops heartbeating and is retried.
      lease.page.on('response', () => finished || beat());
      const fail: BotStepTools['fail'] = async (type, err) => {
        const evidence = await captureEvidence(deps.artifacts, lease, `${step.label}-${type}`, currentCaseOwner(), err);
        const rejection =
          err instanceof PortalRejectedError ? { fieldErrors: err.fieldErrors, summary: err.summary } : {};
        return botFailures.create(type, err instanceof Error ? err.message : String(err), {
          ...step.details,
          ...rejection,
          evidence,
        });
      };
      const tools: BotStepTools = {
        fail,
        saveEvidence: () => captureEvidence(deps.artifacts, lease, `${step.label}-done`, currentCaseOwner()),
      };
      let signedIn = false;
      let relogins = 0;
      // The worker's saved session is tried once per step; `onSavedSession` says the current one is that.
      let reuse = true;
      let onSavedSession = false;
      for (let attempt = 1; ; attempt += 1) {
        try {
          if (!signedIn) {
            onSavedSession = !(await signInLease(deps, lease, { next: step.signInTo?.(), reuse })).fresh;
            reuse = false;
            signedIn = true;
            beat();
          }
          return await step.work(lease, tools);
        } catch (err) {
          if (err instanceof ApplicationFailure || signal.aborted) throw err;
          if (err instanceof PortalRejectedError) throw await fail('PortalRejected', err);
          if (err instanceof PortalLoginRejectedError) throw await fail('PortalLoginRejected', err);
          if (err instanceof SessionExpiredError) {
            signedIn = false;
            // A saved session the portal no longer honours: sign in for real at once, at no cost of an attempt.
            if (onSavedSession) {
              onSavedSession = false;
              attempt -= 1;
              continue;
            }
            // Signing in again is the normal cure for an expired session; only other faults use up the attempts.
            if (relogins++ < attempts) attempt -= 1;
          }
          if (!isTechnical(err) || attempt >= attempts) throw await fail('PortalUnavailable', err);
          log.warn('portal step failed, trying again', { label: step.label, attempt, error: (err as Error).message });
          beat();
          await pause(Math.min(200 * 2 ** (attempt - 1), 2_000), signal);
        }
      }
    }, signal)
    .finally(() => (finished = true));
}
