import { verifySync } from 'otplib';

/** Checks a 6-digit TOTP code, accepting one 30-second step of clock drift either way. */
export function isValidTotp(secret: string, code: string): boolean {
  const token = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(token)) return false;
  try {
    return verifySync({ secret, token, epochTolerance: 30 }).valid;
  } catch {
    return false;
  }
}
