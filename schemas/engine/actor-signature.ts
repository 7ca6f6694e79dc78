/**
 * Signed actors: the API signs who acts on a task (name, roles), on which task, with which Update and arguments,
 * and when; the task workflow verifies it synchronously in its Update validators. Ed25519, so workers and
 * workflows hold only public keys and a client that reaches Temporal directly cannot act as anyone.
 * Pure (no Node built-ins): the workflow sandbox runs it.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import type { Actor } from './human-task';

/** What travels beside the arguments of an Update: which key signed, when, and the signature (hex). */
export interface ActorProof {
  keyId: string;
  issuedAt: number;
  signature: string;
}

/** Public keys (hex) by key id, as the task workflow holds them. */
export type ActorVerifyKeys = Record<string, string>;

/** A proof is good for this long after it was issued (workflow time), and may be this far ahead of it (clock skew). */
export const actorProofMaxAgeMs = 5 * 60_000;
export const actorProofMaxSkewMs = 60_000;

/** JSON with object keys sorted, so the API and the workflow (which sees the arguments after a JSON round trip) agree. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** The digest of an Update's arguments without the proof itself. */
export function argsDigest(args: object): string {
  const { proof: _proof, ...rest } = args as { proof?: unknown };
  return bytesToHex(sha256(utf8ToBytes(canonicalJson(rest))));
}

export interface SignedFields {
  taskId: string;
  update: string;
  actor: Actor;
  issuedAt: number;
  args: object;
}

/** The exact bytes signed: every field a forger would want to change. */
function message({ taskId, update, actor, issuedAt, args }: SignedFields): Uint8Array {
  return utf8ToBytes(
    canonicalJson({
      v: 1,
      taskId,
      update,
      username: actor.username,
      roles: actor.roles,
      issuedAt,
      argsDigest: argsDigest(args),
    }),
  );
}

/** Signs as the API does; `seed` is the 32-byte private key. */
export function signActor(keyId: string, seed: Uint8Array, fields: SignedFields): ActorProof {
  return { keyId, issuedAt: fields.issuedAt, signature: bytesToHex(ed25519.sign(message(fields), seed)) };
}

/** The public key (hex) of a 32-byte seed. */
export function publicKeyOf(seed: Uint8Array): string {
  return bytesToHex(ed25519.getPublicKey(seed));
}

/** The field path a refusal names when the task does not know the signing key yet, so the API can reload them. */
export const unknownKeyPath = 'proof.keyId';

export type ProofRefusal = { reason: 'missing' | 'unknown-key' | 'expired' | 'invalid'; message: string };

/**
 * Checks an Update's proof against the task's keys at workflow time `now`; undefined when it holds. Any change to
 * the task id, the Update's name, the actor or the arguments makes the signature invalid.
 */
export function verifyActorProof(
  keys: ActorVerifyKeys,
  fields: Omit<SignedFields, 'issuedAt'> & { proof: unknown },
  now: number,
): ProofRefusal | undefined {
  const proof = fields.proof as Partial<ActorProof> | undefined;
  const actor = fields.actor as Partial<Actor> | undefined;
  if (
    !proof ||
    typeof proof.keyId !== 'string' ||
    typeof proof.issuedAt !== 'number' ||
    typeof proof.signature !== 'string' ||
    typeof actor?.username !== 'string' ||
    !Array.isArray(actor.roles)
  ) {
    return { reason: 'missing', message: 'the actor is not signed; act on tasks through the API' };
  }
  const key = Object.prototype.hasOwnProperty.call(keys, proof.keyId) ? keys[proof.keyId] : undefined;
  if (!key)
    return { reason: 'unknown-key', message: `the actor was signed with key ${proof.keyId}, unknown to this task` };
  if (now - proof.issuedAt > actorProofMaxAgeMs || proof.issuedAt - now > actorProofMaxSkewMs) {
    return { reason: 'expired', message: 'the actor signature has expired; send the action again' };
  }
  let valid = false;
  try {
    valid = /^[0-9a-f]{128}$/.test(proof.signature)
      ? ed25519.verify(hexToBytes(proof.signature), message({ ...fields, issuedAt: proof.issuedAt }), hexToBytes(key))
      : false;
  } catch {
    valid = false;
  }
  return valid
    ? undefined
    : { reason: 'invalid', message: 'the actor signature does not match this task, action, actor and arguments' };
}
