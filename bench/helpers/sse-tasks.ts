import { subscribeEvents } from '../../test/helpers/event-stream';

/** Reports each `task` event of the API's live stream with its arrival time. */
export function subscribeTaskEvents(
  url: string,
  token: string,
  onTask: (task: { id: string; processWorkflowId: string }, at: number) => void,
): Promise<() => void> {
  return subscribeEvents(url, token, (e) => {
    if (e.event === 'task') onTask(e.data as { id: string; processWorkflowId: string }, performance.now());
  });
}
