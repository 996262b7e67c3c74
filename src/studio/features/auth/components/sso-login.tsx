import { KeyRound } from 'lucide-react';
import { ssoErrorMessage } from '../../../../shared/api/sso.ts';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';

/**
 * A plain link, not a fetch: single sign-on is a round trip of full-page navigations
 * through the IdP, which sends the browser back to the API's callback.
 */
export function SsoLoginButton({ loginPath, redirectTo, primary }: { loginPath: string; redirectTo: string | null; primary: boolean }) {
  const href = redirectTo ? `${loginPath}?returnTo=${encodeURIComponent(redirectTo)}` : loginPath;
  return (
    <Button asChild variant={primary ? 'default' : 'outline'} className="w-full">
      <a href={href}>
        <KeyRound aria-hidden />
        Log in with SSO
      </a>
    </Button>
  );
}

/** Why the last SSO attempt came back here, from the `sso_error` code the callback sets. */
export function SsoError({ code }: { code: string | null }) {
  const message = ssoErrorMessage(code);
  return message ? <Alert variant="error">{message}</Alert> : null;
}

export function OrDivider() {
  return (
    <div className="flex items-center gap-3 text-xs text-muted-foreground" aria-hidden>
      <span className="h-px flex-1 bg-border" />
      or
      <span className="h-px flex-1 bg-border" />
    </div>
  );
}
