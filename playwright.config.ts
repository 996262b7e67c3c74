import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import { idpClient, idpIssuer, idpRoleMap } from './e2e/support/sso.ts';

// End-to-end tests run the built app (`npm run build`; `npm run test:e2e` builds when
// needed) through `switchyard start`, on a fresh data directory per run.
// SWITCHYARD_E2E_PORT moves the whole stack (router at +2, demo subgraphs at +1001…+1003).
const port = Number(process.env.SWITCHYARD_E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;
// Workers load this file too; only the runner, which starts the server, needs the directory.
const isRunner = process.env.TEST_WORKER_INDEX === undefined;
const dataDir = isRunner ? mkdtempSync(join(tmpdir(), 'switchyard-e2e-')) : '';
if (isRunner) process.on('exit', () => rmSync(dataDir, { recursive: true, force: true }));

// Debian's chromium; Playwright's own browser downloads are never used.
const chromium =
  process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

const serverEnv: Record<string, string> = {
  PORT: String(port),
  HOST: '127.0.0.1',
  SWITCHYARD_DATA_DIR: dataDir,
  SWITCHYARD_ADMIN_EMAIL: 'admin@e2e.test',
  SWITCHYARD_ADMIN_PASSWORD: 'e2e admin password 1',
  SWITCHYARD_ORG_NAME: 'E2E',
  LOG_LEVEL: 'warn',
  // npm start's router and demo subgraphs, off their default ports so a developer's own
  // `npm start` can keep running beside the tests.
  ROUTER_PORT: String(port + 2),
  SWITCHYARD_DEMO_PORT: String(port + 1001),
  // Single sign-on through the test IdP (e2e/support/test-idp-server.ts), beside password login.
  PUBLIC_URL: baseURL,
  SWITCHYARD_OIDC_ISSUER: idpIssuer,
  SWITCHYARD_OIDC_CLIENT_ID: idpClient.clientId,
  SWITCHYARD_OIDC_CLIENT_SECRET: idpClient.clientSecret,
  SWITCHYARD_OIDC_ROLE_CLAIM: 'groups',
  SWITCHYARD_OIDC_ROLE_MAP: idpRoleMap,
};
// PostgreSQL only when asked for: CI's DATABASE_URL is for the integration tests, and an
// empty value here makes the server fall back to PGlite in the temp directory.
serverEnv.DATABASE_URL = process.env.SWITCHYARD_E2E_DATABASE_URL ?? '';

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  forbidOnly: Boolean(process.env.CI),
  reporter: 'list',
  // A test drives the built studio (GraphiQL, Monaco, CodeMirror) on a 2-core machine; 30 s
  // was too tight once the playground grew its panels.
  timeout: 90_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      ...(chromium ? { executablePath: chromium } : {}),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'] } }],
  // Started in this order: the IdP first, so the control plane finds it.
  webServer: [
    {
      command: 'node --import tsx e2e/support/test-idp-server.ts',
      url: `${idpIssuer}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command: 'node bin/switchyard.js start',
      url: `${baseURL}/readyz`,
      reuseExistingServer: false,
      // A cold PGlite initdb plus the demo seed takes over a minute on a busy 2-core machine.
      timeout: 180_000,
      stdout: 'pipe',
      stderr: 'pipe',
      env: serverEnv,
    },
  ],
});
