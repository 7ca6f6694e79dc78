import { z } from 'zod';
import { canSeeTask } from '../../../platform/task-store/visibility';
import { securityHeaders } from '../auth/security-headers';
import { EVENT_STREAM_PATH, requireUser } from '../auth/session';
import type { ApiApp } from '../context';
import type { TaskFeed } from '../tasks/task-feed';
import { taskSummary } from '../tasks/task-view';

/**
 * Server-Sent Events for the signed-in user: a `task` event with the TaskSummary whenever a task they may see
 * appears or changes (the inbox list's visibility rule), and a `task-removed` event `{ id, version }` when a
 * change takes a task they could see out of their sight (e.g. reassigned to another role), so their list drops it.
 */
export function registerEventRoutes(app: ApiApp, feed: TaskFeed): void {
  app.get(
    EVENT_STREAM_PATH,
    {
      schema: {
        tags: ['events'],
        summary: 'Live changes of the tasks this user may see (text/event-stream)',
        description:
          'Auth by the session cookie, a bearer token, or ?token= (for EventSource clients; no other route accepts it).',
        querystring: z.object({ token: z.string().optional() }),
      },
    },
    (request, reply) => {
      const user = requireUser(request);
      reply.hijack();
      const res = reply.raw;
      // The stream is written by hand, past the hooks that add these headers to every other answer.
      res.writeHead(200, {
        ...securityHeaders(false),
        'content-type': 'text/event-stream',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      res.write('retry: 2000\n: connected\n\n');
      const unsubscribe = feed.subscribe((task, before) => {
        const id = `${task.id}@${task.version}`;
        if (canSeeTask(task, user)) res.write(`event: task\nid: ${id}\ndata: ${JSON.stringify(taskSummary(task))}\n\n`);
        else if (before && canSeeTask(before, user))
          res.write(
            `event: task-removed\nid: ${id}\ndata: ${JSON.stringify({ id: task.id, version: task.version })}\n\n`,
          );
      });
      // A comment now and then keeps proxies from closing an idle stream.
      const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
      request.raw.on('close', () => {
        clearInterval(keepAlive);
        unsubscribe();
      });
    },
  );
}
