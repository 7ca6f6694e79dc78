import { describe, expect, it } from 'vitest';
import { actorKeyProblems, actorVerifyKeys, createActorSigner, devActorSigningKey } from '../../platform/actor-keys';
import { actorProofMaxAgeMs, verifyActorProof } from '../../schemas/engine/actor-signature';

const keyA = `a:${Buffer.alloc(32, 1).toString('base64')}`;
const keyB = `b:${Buffer.alloc(32, 2).toString('base64')}`;
const now = 1_000_000_000_000;
const actor = { username: 'approver', roles: ['approver'] };
const args = { actor, data: { decision: 'approve' } };

function verify(signed: object, fields: Partial<{ taskId: string; update: string; at: number }> = {}, keys = keyA) {
  const { proof, ...rest } = signed as { proof: unknown; actor: typeof actor };
  return verifyActorProof(
    actorVerifyKeys({ ACTOR_SIGNING_KEYS: keys }),
    { taskId: fields.taskId ?? 't1', update: fields.update ?? 'completeTask', actor: rest.actor, args: rest, proof },
    fields.at ?? now,
  );
}

describe('signed actors', () => {
  const sign = createActorSigner({ ACTOR_SIGNING_KEYS: keyA }, () => now);

  it('accepts what the API signed, after a JSON round trip with keys in another order', () => {
    const signed = sign('t1', 'completeTask', args);
    const reordered = {
      proof: signed.proof,
      data: signed.data,
      actor: { roles: actor.roles, username: actor.username },
    };
    expect(verify(JSON.parse(JSON.stringify(reordered)))).toBeUndefined();
  });

  it('item 7: refuses a missing, altered, misdirected, unknown-key or expired signature', () => {
    const signed = sign('t1', 'completeTask', args);
    expect(verify({ actor })?.reason).toBe('missing');
    expect(verify({ ...signed, data: { decision: 'reject' } })?.reason).toBe('invalid');
    expect(verify({ ...signed, actor: { username: 'approver', roles: ['admin'] } })?.reason).toBe('invalid');
    expect(verify(signed, { taskId: 't2' })?.reason).toBe('invalid');
    expect(verify(signed, { update: 'claimTask' })?.reason).toBe('invalid');
    expect(verify(signed, {}, keyB)?.reason).toBe('unknown-key');
    expect(verify(signed, { at: now + actorProofMaxAgeMs + 1 })?.reason).toBe('expired');
    expect(verify(signed, { at: now - 10 * 60_000 })?.reason).toBe('expired');
    expect(verify({ ...signed, proof: { ...signed.proof, signature: 'zz' } })?.reason).toBe('invalid');
  });

  it('signs with the newest key and verifies with any listed one (rotation)', () => {
    const rotated = createActorSigner({ ACTOR_SIGNING_KEYS: `${keyA},${keyB}` }, () => now);
    const signed = rotated('t1', 'completeTask', args);
    expect(signed.proof.keyId).toBe('b');
    expect(verify(signed, {}, `${keyA},${keyB}`)).toBeUndefined();
  });

  it('refuses the published development key in production, on the API and on workers', () => {
    expect(actorKeyProblems({ NODE_ENV: 'production' })).toHaveLength(1);
    expect(actorKeyProblems({ NODE_ENV: 'production', ACTOR_SIGNING_KEYS: devActorSigningKey })).toHaveLength(1);
    const devPublic = `dev:${Buffer.from(actorVerifyKeys().dev!, 'hex').toString('base64')}`;
    expect(actorKeyProblems({ NODE_ENV: 'production', ACTOR_VERIFY_KEYS: devPublic })).toHaveLength(1);
    expect(actorKeyProblems({ NODE_ENV: 'production', ACTOR_SIGNING_KEYS: keyA })).toEqual([]);
    expect(() => createActorSigner({ NODE_ENV: 'production' })).toThrow(/ACTOR_SIGNING_KEYS/);
  });
});
