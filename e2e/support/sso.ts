/**
 * The test IdP that playwright.config.ts starts before the stack, and the people in it.
 * Its dev login page takes any password; `login` picks the account.
 */
export const e2ePort = Number(process.env.SWITCHYARD_E2E_PORT ?? 3100);
export const idpPort = Number(process.env.SWITCHYARD_E2E_IDP_PORT ?? e2ePort + 50);
export const idpIssuer = `http://127.0.0.1:${idpPort}`;
export const idpClient = { clientId: 'switchyard-e2e', clientSecret: 'switchyard e2e client secret' } as const;
export const idpRoleMap = 'switchyard-admins:admin,switchyard-developers:developer';

export const ssoAccounts = [
  { login: 'dana', email: 'dana@e2e.test', emailVerified: true, name: 'Dana Developer', groups: ['switchyard-developers'] },
  { login: 'vic', email: 'vic@e2e.test', emailVerified: true, name: 'Vic Viewer', groups: ['marketing'] },
];
