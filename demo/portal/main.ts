import { PortalConfigError, startPortalFromEnv, type PortalFromEnv } from './start-from-env';

// Command-line entry: reads PORTAL_* variables, starts the portal and stops it cleanly on SIGINT/SIGTERM.

async function main(): Promise<void> {
  let started: PortalFromEnv;
  try {
    started = await startPortalFromEnv(process.env);
  } catch (error) {
    if (!(error instanceof PortalConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 2;
    return;
  }
  const { portal, config, log } = started;
  // One line on stdout even when logs are quiet, so a person (or a script) knows where to go.
  process.stdout.write(
    `Portal listening on ${portal.url} (data: ${portal.store.file}, layout ${config.chaos.layout})\n`,
  );

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'portal stopping');
    portal.close().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, 'portal did not stop cleanly');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`The portal failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
