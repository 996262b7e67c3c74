import { useNavigate, useSearchParams } from 'react-router';
import type { MeResponse } from '../../../shared/api/auth.ts';
import { safeRedirectTo } from '@/config/paths';
import { AuthShell } from '@/features/auth/components/auth-shell';
import { LoginForm } from '@/features/auth/components/login-form';
import { landingPath } from '../guards.ts';

export function Component() {
  const navigate = useNavigate();
  const [params] = useSearchParams();

  const done = (me: MeResponse) => {
    void navigate(safeRedirectTo(params.get('redirectTo')) ?? landingPath(me), { replace: true });
  };

  return (
    <AuthShell>
      <title>Log in · Switchyard</title>
      <LoginForm
        onSuccess={done}
        redirectTo={safeRedirectTo(params.get('redirectTo'))}
        ssoError={params.get('sso_error')}
        forcePassword={params.has('password')}
      />
    </AuthShell>
  );
}
