import { verifySync } from 'otplib';

// The second factor is six digits: unlimited guesses would find a code within hours, and a code seen once
// (over a shoulder, in a proxy log) would work again for its whole window. So wrong codes are counted per user,
// with a lockout that expires, and each accepted time step is remembered so a code is good only once.

export const TOTP_MAX_FAILURES = 5;
export const TOTP_LOCKOUT_MS = 15 * 60 * 1000;

/** replayed: a code that was right but already used; not counted as a guess (whoever sends it has seen it). */
export type TotpOutcome = 'accepted' | 'wrong' | 'replayed' | 'locked';

interface UserState {
  failures: number;
  lockedUntil: number;
  lastStep: number | undefined;
}

export class TotpAttempts {
  private readonly users = new Map<string, UserState>();

  constructor(private readonly now: () => number = Date.now) {}

  private state(username: string): UserState {
    let state = this.users.get(username);
    if (!state) {
      state = { failures: 0, lockedUntil: 0, lastStep: undefined };
      this.users.set(username, state);
    }
    return state;
  }

  /** Checks a code (one 30-second step of drift either way); while locked out, even a right code is refused. */
  check(username: string, secret: string, code: string): TotpOutcome {
    const state = this.state(username);
    if (this.now() < state.lockedUntil) return 'locked';
    const step = this.matchingStep(secret, code);
    if (step !== undefined && state.lastStep !== undefined && step <= state.lastStep) return 'replayed';
    if (step === undefined) {
      state.failures += 1;
      if (state.failures >= TOTP_MAX_FAILURES) {
        state.failures = 0;
        state.lockedUntil = this.now() + TOTP_LOCKOUT_MS;
        return 'locked';
      }
      return 'wrong';
    }
    state.failures = 0;
    state.lastStep = step;
    return 'accepted';
  }

  private matchingStep(secret: string, code: string): number | undefined {
    const token = code.replace(/\s/g, '');
    if (!/^\d{6}$/.test(token)) return undefined;
    try {
      const result = verifySync({
        secret,
        token,
        epoch: Math.floor(this.now() / 1000),
        epochTolerance: 30,
      });
      // Only TOTP results carry the time step (the shared result type also covers HOTP).
      return result.valid && 'timeStep' in result ? result.timeStep : undefined;
    } catch {
      return undefined;
    }
  }
}
