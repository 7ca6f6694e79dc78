import { errors } from 'playwright-core';

// Technical faults the bot recovers from (retry the step, sign in again, retry the activity with backoff),
// as opposed to business rejections, which no retry can fix.

/** The portal answered 5xx or did not answer in time. */
export class PortalUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PortalUnavailableError';
  }
}

/** The portal sent the bot to the sign-in page: its session expired. Nothing from that request was applied. */
export class SessionExpiredError extends Error {
  constructor(where: string) {
    super(`the portal session expired (at ${where})`);
    this.name = 'SessionExpiredError';
  }
}

/** The record appeared between our look-up and our create (another bot entered it): look it up again. */
export class RecordAppearedError extends Error {
  constructor(what: string) {
    super(`${what} was entered by someone else meanwhile`);
    this.name = 'RecordAppearedError';
  }
}

/** A field error as the portal showed it. */
export interface PortalFieldError {
  field: string;
  message: string;
}

/** The portal refused the data (a 422 form with field errors). */
export class PortalRejectedError extends Error {
  constructor(
    readonly fieldErrors: PortalFieldError[],
    readonly summary: string[],
  ) {
    super(
      `the portal rejected the record: ${summary.join('; ') || fieldErrors.map((e) => `${e.field}: ${e.message}`).join('; ')}`,
    );
    this.name = 'PortalRejectedError';
  }
}

/** The bot's credentials are refused: a configuration problem that retrying cannot fix. */
export class PortalLoginRejectedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PortalLoginRejectedError';
  }
}

export function isTechnical(err: unknown): boolean {
  return (
    err instanceof PortalUnavailableError ||
    err instanceof SessionExpiredError ||
    err instanceof RecordAppearedError ||
    err instanceof errors.TimeoutError ||
    // A page or context closed under the bot (browser recycled or crashed), a connection reset, or a page
    // replaced while it was being read.
    (err instanceof Error &&
      /Target (page, context or browser )?closed|net::ERR_|browser has been closed|Navigation failed|Execution context was destroyed/i.test(
        err.message,
      ))
  );
}
