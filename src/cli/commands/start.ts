import { ConfigError, loadConfig } from '../../control-plane/config.ts';
import { startControlPlane } from '../../control-plane/start.ts';

/** Runs the local stack until SIGINT/SIGTERM, then shuts down cleanly. */
export async function runStart(): Promise<number> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      return 2;
    }
    throw err;
  }
  const cp = await startControlPlane(config);
  const lines = [
    '',
    `  Switchyard studio:  ${cp.url}`,
    `  Database:           ${config.database.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${config.database.dataDir}`}`,
  ];
  if (cp.bootstrap.created) {
    lines.push(`  Log in as:          ${cp.bootstrap.email}`);
    lines.push(
      cp.bootstrap.generatedPassword
        ? `  Password:           ${cp.bootstrap.generatedPassword}   (generated; shown only this once)`
        : '  Password:           the one in SWITCHYARD_ADMIN_PASSWORD',
    );
  } else {
    lines.push('  Log in with your existing account.');
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);

  await new Promise<void>((resolve) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      process.stdout.write(`\n${signal} received, shutting down…\n`);
      cp.close().then(resolve, (err: unknown) => {
        process.stderr.write(`Error while shutting down: ${String(err)}\n`);
        resolve();
      });
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  return 0;
}
