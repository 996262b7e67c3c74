import { ConfigError, loadConfig } from '../../control-plane/config.ts';
import { loadStackOptions, startLocalStack, type StackOptions } from '../local-stack.ts';

/** Runs the local stack until SIGINT/SIGTERM, then shuts down cleanly. */
export async function runStart(): Promise<number> {
  let config;
  let options: StackOptions;
  try {
    config = loadConfig();
    options = loadStackOptions();
  } catch (err) {
    if (err instanceof ConfigError || (err instanceof Error && err.message.startsWith('Invalid configuration'))) {
      process.stderr.write(`${err.message}\n`);
      return 2;
    }
    throw err;
  }
  const stack = await startLocalStack(config, options);
  const cp = stack.controlPlane;
  const lines = [
    '',
    `  Switchyard studio:  ${cp.url}`,
    `  Database:           ${config.database.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${config.database.dataDir}`}`,
  ];
  if (stack.routerGraphqlUrl) lines.push(`  Staging router:     ${stack.routerGraphqlUrl}  (graph "demo")`);
  if (stack.demo) lines.push(`  Demo subgraphs:     ${stack.demo.subgraphs.map((s) => `${s.name} ${s.url}`).join(', ')}`);
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
      stack.close().then(resolve, (err: unknown) => {
        process.stderr.write(`Error while shutting down: ${String(err)}\n`);
        resolve();
      });
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  return 0;
}
