import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { inject } from 'vitest';
import { describe, expect, it } from 'vitest';
import { testDataConverter } from './helpers/temporal';

const historiesDir = resolve(__dirname, 'histories');

/**
 * Replays every recorded history against today's workflow code: a change that would break workflows
 * already running in production (a reordered activity, a removed timer) fails here.
 */
describe('replay of recorded histories', async () => {
  const files = (await readdir(historiesDir)).filter((f) => f.endsWith('.json')).sort();

  it('has histories to replay', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)('%s replays without non-determinism', async (file) => {
    const history = historyFromJSON(JSON.parse(await readFile(join(historiesDir, file), 'utf8')));
    // With the engine's converter: histories recorded before encryption (clear JSON) pass through its decode.
    await Worker.runReplayHistory(
      { workflowBundle: { codePath: inject('workflowBundlePath') }, dataConverter: testDataConverter },
      history,
      file,
    );
  });
});
