// Run by playwright.config.ts as the first webServer: `node --import tsx e2e/support/test-idp-server.ts`.
import { startTestIdp } from '../../src/control-plane/testing/test-idp.ts';
import { e2ePort, idpClient, idpPort, ssoAccounts } from './sso.ts';

const app = `http://127.0.0.1:${e2ePort}`;
const idp = await startTestIdp({
  port: idpPort,
  client: {
    ...idpClient,
    redirectUris: [`${app}/api/v1/auth/oidc/callback`],
    postLogoutRedirectUris: [`${app}/login`],
  },
  accounts: ssoAccounts,
});
process.stdout.write(`test IdP at ${idp.issuer}\n`);
const stop = () => void idp.close().then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
