import { z } from 'zod';

/** GET /api/v1/auth/providers: what the login page offers. Public, and says nothing about accounts. */
export const authProvidersSchema = z.object({
  password: z.boolean(),
  sso: z.object({ loginPath: z.string() }).nullable(),
});
export type AuthProviders = z.infer<typeof authProvidersSchema>;

export const logoutResponseSchema = z.object({
  /** The IdP's end_session_endpoint with id_token_hint: go there to end the IdP session too. */
  endSessionUrl: z.string(),
});
export type LogoutResponse = z.infer<typeof logoutResponseSchema>;

/**
 * A failed SSO login comes back to `/login?sso_error=<code>`. Codes, not text, travel in
 * the URL, so a crafted link cannot put words of its own on the login page.
 */
export const ssoErrorMessages = {
  idp_unreachable: 'The identity provider could not be reached. Try again in a moment, or ask your administrator.',
  state_mismatch: 'This sign-in attempt could not be matched to one started in this browser (it may have expired). Please try again.',
  invalid_response: 'The identity provider’s answer failed verification (wrong nonce, signature or issuer). Please try again.',
  access_denied: 'Sign-in was cancelled at the identity provider, so you were not logged in.',
  email_missing: 'The identity provider did not share your email address, which Switchyard needs. Ask your administrator to release the email claim.',
  email_unverified: 'Your email address is not verified at the identity provider, so Switchyard cannot trust it. Verify it there and try again.',
  idp_error: 'The identity provider refused the sign-in. Try again, or ask your administrator.',
  no_organization: 'Single sign-on is set up for an organization that does not exist. Ask your administrator to check SWITCHYARD_OIDC_ORG.',
  not_configured: 'Single sign-on is not configured on this server.',
} as const;
export type SsoErrorCode = keyof typeof ssoErrorMessages;

export function ssoErrorMessage(code: string | null): string | null {
  if (!code) return null;
  return Object.hasOwn(ssoErrorMessages, code) ? ssoErrorMessages[code as SsoErrorCode] : 'Single sign-on failed. Please try again.';
}
