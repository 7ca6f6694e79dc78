/** Reminders, escalations and expiries told to the people concerned; a lost one never stops the task. */
import { log, proxyActivities } from '@temporalio/workflow';
import type { createNotifyActivities } from '../../../activities/engine/notify';
import type { Candidates } from '../../../schemas/engine/human-task';
import type { TaskRun } from './task-run';

// A lost reminder must not stop the task: a few attempts, then the workflow logs and goes on.
const notifier = proxyActivities<ReturnType<typeof createNotifyActivities>>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumAttempts: 5 },
});

export type NoticeKind = 'reminder' | 'escalation' | 'expired';

async function send({ state }: TaskRun, kind: NoticeKind, to: Candidates): Promise<void> {
  try {
    await notifier.notify({
      kind,
      taskId: state.id,
      title: state.title,
      process: state.process,
      dueAt: state.dueAt,
      to,
    });
  } catch (err) {
    log.warn('notification failed; the task goes on', { kind, taskId: state.id, error: String(err) });
  }
}

/** Sends a notice beside the timeline: the returned promise does not wait for it (see TaskRun.notifications). */
export async function notify(run: TaskRun, kind: NoticeKind, to: Candidates): Promise<void> {
  // Runs started before this change waited for each notification before the next step of the timeline.
  if (!run.notifyBesideTimeline) return send(run, kind, to);
  const sending = send(run, kind, to);
  run.notifications.add(sending);
  void sending.finally(() => run.notifications.delete(sending));
}

/** The assignee if someone holds the task, else everyone who may take it. */
export function addressees({ state }: TaskRun): Candidates {
  return state.assignee
    ? { users: [state.assignee], roles: [] }
    : { users: [...state.candidateUsers], roles: [...state.candidateRoles] };
}
