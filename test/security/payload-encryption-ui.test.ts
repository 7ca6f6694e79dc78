import { describe, expect, it } from 'vitest';
import { ensureDevServer, freePort } from '../../platform/dev-server';
import { createLogger } from '../../platform/logger';
import { searchAttributeKinds } from '../../workflows/engine/search-attributes';

describe("item 7: the dev server's Temporal UI", () => {
  it('item 7: is started with the codec server as its remote codec endpoint, so it shows ciphertext only to those the API lets decode', async () => {
    const uiPort = await freePort();
    const endpoint = 'http://127.0.0.1:3000/codec';
    const server = await ensureDevServer(
      {
        namespace: 'codec-ui',
        port: 0,
        uiPort,
        uiCodecEndpoint: endpoint,
        searchAttributes: searchAttributeKinds,
        cliPath: process.env.TEMPORAL_CLI_PATH || undefined,
        toolsDir: process.env.TOOLS_DIR || '.tools',
        startTimeoutMs: 120_000,
      },
      createLogger({ LOG_LEVEL: 'warn', LOG_FORMAT: 'json' }, 'test'),
    );
    try {
      // The UI's own settings document: what its pages read to find the codec.
      const settings = async () => {
        const res = await fetch(`http://127.0.0.1:${uiPort}/api/v1/settings`).catch(() => undefined);
        return res?.ok ? ((await res.json()) as { Codec?: { Endpoint?: string } }) : undefined;
      };
      await expect.poll(async () => (await settings())?.Codec?.Endpoint).toBe(endpoint);
    } finally {
      await server.stop();
    }
  });
});
