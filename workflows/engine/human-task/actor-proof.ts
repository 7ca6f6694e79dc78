/** The task's side of signed actors: loading the public keys and checking each Update's proof, synchronously. */
import { ApplicationFailure, proxyLocalActivities } from '@temporalio/workflow';
import type { createTaskStoreActivities } from '../../../activities/engine/tasks';
import { unknownKeyPath, verifyActorProof, type ActorProof } from '../../../schemas/engine/actor-signature';
import { TaskErrorType, type Actor } from '../../../schemas/engine/human-task';
import { nowMs, type TaskRun } from './task-run';

// Public keys, not secrets: recorded in the history as the local activity's result.
const keySource = proxyLocalActivities<ReturnType<typeof createTaskStoreActivities>>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '200 milliseconds', maximumInterval: '5 seconds' },
});

/** Asks the worker for the keys it verifies actors with (see platform/actor-keys.ts). */
export async function loadActorKeys(run: TaskRun): Promise<void> {
  run.actorKeys = await keySource.actorVerifyKeys();
}

/**
 * Refuses an Update whose actor the API did not sign for this task, this Update and these arguments, whose
 * signature has expired, or which was already used.
 */
export function checkActorProof(run: TaskRun, update: string, args: { actor: Actor; proof?: ActorProof }): void {
  const refusal = verifyActorProof(
    run.actorKeys ?? {},
    { taskId: run.state.id, update, actor: args.actor, args, proof: args.proof },
    nowMs(),
  );
  const used = !refusal && run.usedProofs.has(args.proof!.signature);
  if (!refusal && !used) return;
  throw ApplicationFailure.create({
    type: TaskErrorType.forbidden,
    message: refusal?.message ?? 'this signed action was already used; send the action again',
    details: [
      [{ path: refusal?.reason === 'unknown-key' ? unknownKeyPath : 'proof', message: refusal?.reason ?? 'used' }],
    ],
    nonRetryable: true,
  });
}

/** Marks a proof used; the handler calls it first, so a replay of the history rebuilds the set. */
export function spendActorProof(run: TaskRun, args: { proof?: ActorProof }): void {
  if (args.proof) run.usedProofs.add(args.proof.signature);
}
