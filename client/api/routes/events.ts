import { z } from 'zod';
import { requireUser } from '../auth/session';
import type { ApiApp } from '../context';
import type { TaskFeed } from '../tasks/task-feed';
import { taskSummary } from '../tasks/task-view';

/** Server-Sent Events: a `task` event with the TaskSummary whenever a task appears or changes. */
export function registerEventRoutes(app: ApiApp, feed: TaskFeed): void {
  app.get(
    '/api/events',
    { schema: { tags: ['events'], summary: 'Live task changes (text/event-stream); auth by cookie or ?token=', querystring: z.object({ token: z.string().optional() }) } },
    (request, reply) => {
      requireUser(request);
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' });
      res.write('retry: 2000\n: connected\n\n');
      const unsubscribe = feed.subscribe((task) => {
        res.write(`event: task\nid: ${task.id}@${task.version}\ndata: ${JSON.stringify(taskSummary(task))}\n\n`);
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
