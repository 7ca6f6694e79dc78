/**
 * The keys that sign and verify task actors. The API holds the private keys (ACTOR_SIGNING_KEYS) and signs with
 * the newest; workers hold only public keys (ACTOR_VERIFY_KEYS, else derived from the signing keys) and hand them
 * to each task workflow. Several keys let them rotate: the key id travels with every signature.
 */
import { z } from 'zod';
import { publicKeyOf, signActor, type ActorProof, type ActorVerifyKeys } from '../schemas/engine/actor-signature';
import type { Actor } from '../schemas/engine/human-task';

/** Published in the source, so good for development and tests only; production refuses it. */
export const devActorSigningKey = 'dev:b1kvo7xSUeGTpceTPPAvjx0MHDBQNri3KZIoypLutzw=';

const keyListPattern = /^[A-Za-z0-9_.-]+:[A-Za-z0-9+/]{43}=?(,[A-Za-z0-9_.-]+:[A-Za-z0-9+/]{43}=?)*$/;

/** `id:base64,id:base64` (32-byte keys, newest last), as ACTOR_SIGNING_KEYS and ACTOR_VERIFY_KEYS are written. */
export const actorKeyList = z
  .string()
  .regex(keyListPattern, 'must be a comma-separated list of id:base64 32-byte keys, newest last');

interface KeyConfig {
  NODE_ENV?: string;
  ACTOR_SIGNING_KEYS?: string;
  ACTOR_VERIFY_KEYS?: string;
}

function parseKeys(list: string): { id: string; key: Uint8Array }[] {
  return list.split(',').map((entry) => {
    const [id = '', base64 = ''] = entry.split(':');
    return { id, key: new Uint8Array(Buffer.from(base64, 'base64')) };
  });
}

/** The public keys (hex, by id) workers give to task workflows. */
export function actorVerifyKeys(config: KeyConfig = {}): ActorVerifyKeys {
  if (config.ACTOR_VERIFY_KEYS) {
    return Object.fromEntries(
      parseKeys(config.ACTOR_VERIFY_KEYS).map(({ id, key }) => [id, Buffer.from(key).toString('hex')]),
    );
  }
  const signing = parseKeys(config.ACTOR_SIGNING_KEYS ?? devActorSigningKey);
  return Object.fromEntries(signing.map(({ id, key }) => [id, publicKeyOf(key)]));
}

export type SignedArgs<A> = A & { proof: ActorProof };

/** Signs the arguments of one Update to one task with the newest signing key. */
export type ActorSigner = <A extends { actor: Actor }>(taskId: string, update: string, args: A) => SignedArgs<A>;

export function createActorSigner(config: KeyConfig = {}, now: () => number = Date.now): ActorSigner {
  if (config.NODE_ENV === 'production' && !config.ACTOR_SIGNING_KEYS) {
    throw new Error('ACTOR_SIGNING_KEYS must be set in production: the API signs every task action with it');
  }
  const keys = parseKeys(config.ACTOR_SIGNING_KEYS ?? devActorSigningKey);
  const newest = keys[keys.length - 1]!;
  return (taskId, update, args) => ({
    ...args,
    proof: signActor(newest.id, newest.key, { taskId, update, actor: args.actor, issuedAt: now(), args }),
  });
}

/**
 * Production must not run with the published development key, on either side: the API sets ACTOR_SIGNING_KEYS,
 * workers ACTOR_VERIFY_KEYS (or the signing keys); leaving both unset would fall back to the development key.
 */
export function actorKeyProblems(config: KeyConfig): string[] {
  if (!config.ACTOR_SIGNING_KEYS && !config.ACTOR_VERIFY_KEYS) {
    return ['ACTOR_SIGNING_KEYS / ACTOR_VERIFY_KEYS: set in production (the default is a published development key)'];
  }
  const devPublic = actorVerifyKeys({ ACTOR_SIGNING_KEYS: devActorSigningKey }).dev!;
  const problems: string[] = [];
  if (config.ACTOR_SIGNING_KEYS && publicKeysOf(config.ACTOR_SIGNING_KEYS).includes(devPublic)) {
    problems.push('ACTOR_SIGNING_KEYS: the published development key is refused in production');
  }
  if (config.ACTOR_VERIFY_KEYS && Object.values(actorVerifyKeys(config)).includes(devPublic)) {
    problems.push('ACTOR_VERIFY_KEYS: the published development key is refused in production');
  }
  return problems;
}

const publicKeysOf = (signingKeys: string) => parseKeys(signingKeys).map(({ key }) => publicKeyOf(key));
