import * as oidc from 'openid-client';
import type { SsoErrorCode } from '../../../shared/api/sso.ts';
import { issuerIsLoopback, type OidcConfig } from './oidc-config.ts';

/** A failed step of an SSO login: the code the login page explains, and the cause for the log. */
export class SsoError extends Error {
  override name = 'SsoError';
  constructor(
    readonly code: SsoErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface AuthorizationRequest {
  url: URL;
  state: string;
  nonce: string;
  codeVerifier: string;
}

export interface VerifiedLogin {
  issuer: string;
  subject: string;
  /** The ID token's claims with the userinfo response's over them (some IdPs put email and groups only there). */
  claims: Record<string, unknown>;
  idToken: string;
}

const TIMEOUT_SECONDS = 10;

/**
 * openid-client, configured from the issuer's discovery document. The document is fetched
 * again at the start of every login, not once at start: an IdP that is down then neither
 * stops the control plane nor sends people to a dead page (they get a message instead),
 * and changed metadata is picked up. The callback reuses the latest document.
 */
export class OidcClient {
  private configuration: Promise<oidc.Configuration> | undefined;

  constructor(private readonly settings: OidcConfig) {}

  private discover(fresh = false): Promise<oidc.Configuration> {
    const { issuer, clientId, clientSecret } = this.settings;
    if (fresh) this.configuration = undefined;
    this.configuration ??= oidc
      .discovery(issuer, clientId, undefined, oidc.ClientSecretBasic(clientSecret), {
        timeout: TIMEOUT_SECONDS,
        // Plain http only to an IdP on this machine; config.ts refuses it elsewhere.
        execute: issuer.protocol === 'http:' && issuerIsLoopback(issuer) ? [oidc.allowInsecureRequests] : [],
      })
      .catch((err: unknown) => {
        this.configuration = undefined;
        throw classify(err, 'discovery');
      });
    return this.configuration;
  }

  async authorizationRequest(): Promise<AuthorizationRequest> {
    const config = await this.discover(true);
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    let url: URL;
    try {
      url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: this.settings.redirectUri,
        scope: this.settings.scope,
        code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      });
    } catch (err) {
      // e.g. a discovery document without an authorization_endpoint
      throw classify(err, 'discovery');
    }
    return { url, state, nonce, codeVerifier };
  }

  /** Checks the IdP's answer (state, PKCE, nonce, ID token signature and audience) and fetches userinfo. */
  async finish(callbackUrl: URL, expected: { state: string; nonce: string; codeVerifier: string }): Promise<VerifiedLogin> {
    const config = await this.discover();
    let tokens;
    try {
      tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: expected.codeVerifier,
        expectedState: expected.state,
        expectedNonce: expected.nonce,
        idTokenExpected: true,
      });
    } catch (err) {
      throw classify(err, 'token');
    }
    const idClaims = tokens.claims();
    if (!idClaims || !tokens.id_token) throw new SsoError('invalid_response', 'the token response carried no ID token');
    let claims: Record<string, unknown> = { ...idClaims };
    if (config.serverMetadata().userinfo_endpoint) {
      try {
        const userinfo = await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub);
        claims = { ...claims, ...userinfo };
      } catch (err) {
        throw classify(err, 'userinfo');
      }
    }
    return { issuer: idClaims.iss, subject: idClaims.sub, claims, idToken: tokens.id_token };
  }

  /** The IdP's logout URL for RP-initiated logout, or null when it offers none. */
  async endSessionUrl(idToken: string): Promise<string | null> {
    let config;
    try {
      config = await this.discover();
    } catch {
      // The Switchyard session is over either way; an unreachable IdP only means its own session stays.
      return null;
    }
    if (!config.serverMetadata().end_session_endpoint) return null;
    return oidc
      .buildEndSessionUrl(config, { id_token_hint: idToken, post_logout_redirect_uri: this.settings.postLogoutRedirectUri })
      .toString();
  }
}

function classify(err: unknown, step: 'discovery' | 'token' | 'userinfo'): SsoError {
  if (err instanceof SsoError) return err;
  const detail = err instanceof Error ? err.message : String(err);
  if (err instanceof oidc.AuthorizationResponseError) {
    return new SsoError(err.error === 'access_denied' ? 'access_denied' : 'idp_error', `the IdP answered ${err.error}: ${err.error_description ?? ''}`, {
      cause: err,
    });
  }
  if (err instanceof oidc.ResponseBodyError) {
    return new SsoError('idp_error', `the IdP's ${step} endpoint answered ${err.error}: ${err.error_description ?? ''}`, { cause: err });
  }
  const code = err instanceof oidc.ClientError ? err.code : undefined;
  const unreachable =
    err instanceof TypeError ||
    (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) ||
    code === 'OAUTH_RESPONSE_IS_NOT_CONFORM' ||
    code === 'OAUTH_RESPONSE_IS_NOT_JSON';
  if (unreachable) return new SsoError('idp_unreachable', `the IdP's ${step} request failed: ${detail}`, { cause: err });
  return new SsoError('invalid_response', `the IdP's ${step} answer failed verification: ${detail}`, { cause: err });
}
