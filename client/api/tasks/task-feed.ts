import type { Logger } from '../../../platform/logger';
import type { TaskStore } from '../../../platform/task-store/task-store';
import type { TaskAudience } from '../../../platform/task-store/visibility';
import type { TaskState } from '../../../schemas/engine/human-task';
import { createTaskAudiences } from './task-audiences';

/** `before` is who could see the task's previous version, when the feed knows it (not for a new task). */
export type TaskListener = (task: TaskState, before: TaskAudience | undefined) => void;

export interface TaskFeed {
  subscribe(listener: TaskListener): () => void;
  close(): void;
}

/**
 * Watches the store's change numbers and tells subscribers about every new task version. Polling works the
 * same on PostgreSQL and PGlite; it looks back a little because concurrent writes may commit out of order,
 * and it remembers versions already sent so nothing is announced twice. With each change it passes on who
 * could see the version before, so a stream can tell a user that a task left their sight.
 */
export function createTaskFeed(store: TaskStore, logger: Logger, intervalMs = 200): TaskFeed {
  const listeners = new Set<TaskListener>();
  const audiences = createTaskAudiences(store, logger);
  let primed: Promise<void> | undefined;
  const sent = new Map<string, number>();
  const LOOKBACK = 64;
  let lastSeq: number | undefined;
  let timer: NodeJS.Timeout | undefined;
  let polling = false;

  async function poll(): Promise<void> {
    if (polling) return;
    polling = true;
    try {
      lastSeq ??= await store.lastChangeSeq();
      await (primed ??= audiences.prime());
      const changes = await store.changesSince(Math.max(0, lastSeq - LOOKBACK), 1000);
      for (const { seq, task } of changes) {
        lastSeq = Math.max(lastSeq, seq);
        if ((sent.get(task.id) ?? 0) >= task.version) continue;
        sent.set(task.id, task.version);
        const before = audiences.advance(task);
        for (const listener of listeners) listener(task, before);
      }
    } catch (err) {
      logger.warn({ err }, 'task feed poll failed; retrying');
    } finally {
      polling = false;
    }
  }

  const start = () => {
    timer ??= setInterval(() => void poll(), intervalMs);
    void poll();
  };
  const stop = () => {
    if (timer) clearInterval(timer);
    timer = undefined;
  };

  return {
    subscribe(listener) {
      listeners.add(listener);
      start();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) stop();
      };
    },
    close: () => {
      listeners.clear();
      stop();
    },
  };
}
