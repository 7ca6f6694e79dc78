import type {
  BotActivityDeps,
  LlmActivityDeps,
  MainActivityDeps,
  ProcessDefinition,
} from '../processes/define-process';

interface DepsByQueue {
  main: MainActivityDeps;
  bots: BotActivityDeps;
  llm: LlmActivityDeps;
}

/**
 * The activities every installed process runs on one queue. Two processes must not register the same activity
 * name: Temporal would call one of them for both, so the worker refuses to start instead.
 */
export function activitiesFor<Q extends keyof DepsByQueue>(
  processes: readonly ProcessDefinition[],
  queue: Q,
  deps: DepsByQueue[Q],
): Record<string, (...args: never[]) => unknown> {
  const all: Record<string, (...args: never[]) => unknown> = {};
  const owner = new Map<string, string>();
  for (const process of processes) {
    const factory = process.activities?.[queue] as ((deps: DepsByQueue[Q]) => object) | undefined;
    if (!factory) continue;
    for (const [name, fn] of Object.entries(factory(deps))) {
      const first = owner.get(name);
      if (first)
        throw new Error(`activity ${name} on the ${queue} queue is registered by both ${first} and ${process.name}`);
      owner.set(name, process.name);
      all[name] = fn as (...args: never[]) => unknown;
    }
  }
  return all;
}
