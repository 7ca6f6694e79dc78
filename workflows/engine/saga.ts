import { CancellationScope, log } from '@temporalio/workflow';

/**
 * Compensations registered as steps succeed, run last first when a later step fails for good. They run to the
 * end even while the workflow is being cancelled (that is when they matter most); an undo that fails stops the
 * rest and fails the workflow, so nothing is left half undone without a trace.
 */
export class Saga {
  private readonly undos: { name: string; undo: () => Promise<unknown> }[] = [];

  /** Registers how to undo a step that has just succeeded. */
  onUndo(name: string, undo: () => Promise<unknown>): void {
    this.undos.push({ name, undo });
  }

  /** Undoes every registered step, last first; returns the names undone. */
  async compensate(): Promise<string[]> {
    const done: string[] = [];
    await CancellationScope.nonCancellable(async () => {
      while (this.undos.length > 0) {
        const step = this.undos.pop() as { name: string; undo: () => Promise<unknown> };
        log.info('compensating', { step: step.name });
        await step.undo();
        done.push(step.name);
      }
    });
    return done;
  }
}
