import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type Configuration } from 'oidc-provider';

/** A person at the test IdP; `login` is what one types into its dev login page (any password works). */
export interface TestIdpAccount {
  login: string;
  email?: string;
  emailVerified?: boolean;
  name?: string;
  groups?: string[];
}

export interface TestIdpClient {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
}

export interface TestIdp {
  issuer: string;
  port: number;
  /** Add or change an account while the IdP runs. */
  accounts: Map<string, TestIdpAccount>;
  close(): Promise<void>;
}

/**
 * A real OpenID Provider: panva's oidc-provider with its development login and consent
 * pages, so tests go through discovery, PKCE, signed ID tokens, userinfo and
 * RP-initiated logout exactly as against Keycloak, with no part of the protocol mocked.
 */
export async function startTestIdp(opts: {
  port?: number;
  client: TestIdpClient;
  accounts: TestIdpAccount[];
}): Promise<TestIdp> {
  const accounts = new Map(opts.accounts.map((a) => [a.login, a]));
  const server: Server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const issuer = `http://127.0.0.1:${port}`;

  const configuration: Configuration = {
    clients: [
      {
        client_id: opts.client.clientId,
        client_secret: opts.client.clientSecret,
        redirect_uris: opts.client.redirectUris,
        post_logout_redirect_uris: opts.client.postLogoutRedirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name'],
      groups: ['groups'],
    },
    cookies: { keys: ['switchyard test idp cookie key'] },
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    async findAccount(_ctx, id) {
      const account = accounts.get(id);
      if (!account) return undefined;
      return {
        accountId: id,
        async claims() {
          const claims: Record<string, unknown> = { sub: id };
          if (account.email !== undefined) claims.email = account.email;
          if (account.emailVerified !== undefined) claims.email_verified = account.emailVerified;
          if (account.name !== undefined) claims.name = account.name;
          if (account.groups !== undefined) claims.groups = account.groups;
          return claims as { sub: string };
        },
      };
    },
  };
  const provider = new Provider(issuer, configuration);
  // oidc-provider warns about its development-only defaults (keys, pages); those are the point here.
  provider.on('server_error', (_ctx, err) => console.error('test IdP error', err));
  server.on('request', provider.callback());

  return {
    issuer,
    port,
    accounts,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
