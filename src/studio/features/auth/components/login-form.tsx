import { useState, type FormEvent } from 'react';
import type { LoginRequest, MeResponse } from '../../../../shared/api/auth.ts';
import { errorMessage, fieldErrors } from '@/lib/api-client';
import type { FieldErrors } from '@/lib/form';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { useLogin } from '../api/login.ts';
import { useProviders } from '../api/get-providers.ts';
import { OrDivider, SsoError, SsoLoginButton } from './sso-login.tsx';

/**
 * Password login, and "Log in with SSO" when the server has an IdP. With password login
 * turned off only the SSO button shows; `/login?password` still shows the form, for the
 * first admin's recovery (the server accepts only that account's password then).
 */
export function LoginForm({
  onSuccess,
  redirectTo,
  ssoError,
  forcePassword,
}: {
  onSuccess: (me: MeResponse) => void;
  redirectTo: string | null;
  ssoError: string | null;
  forcePassword: boolean;
}) {
  const login = useLogin();
  const providers = useProviders();
  const sso = providers.data?.sso ?? null;
  const showPassword = forcePassword || providers.data?.password !== false;
  const [errors, setErrors] = useState<FieldErrors>({});

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input: LoginRequest = {
      email: String(form.get('email') ?? '').trim(),
      password: String(form.get('password') ?? ''),
    };
    // Only presence here: the server checks the rest with loginRequestSchema and its
    // field messages come back below. Leaving zod out keeps the first page small.
    const missing: FieldErrors = {};
    if (!input.email) missing.email = 'Enter your email';
    if (!input.password) missing.password = 'Enter your password';
    setErrors(missing);
    if (Object.keys(missing).length > 0) return;
    login.mutate(input, {
      onSuccess,
      onError: (err) => setErrors(fieldErrors(err)),
    });
  };

  return (
    <Card>
      <CardHeader>
        <CardTitle>Log in to Switchyard</CardTitle>
        <CardDescription>
          {showPassword
            ? sso
              ? 'Use your organization’s single sign-on, or the email and password of your account.'
              : 'Use the email and password of your account.'
            : 'Use your organization’s single sign-on.'}
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <SsoError code={ssoError} />
        {sso && <SsoLoginButton loginPath={sso.loginPath} redirectTo={redirectTo} primary={!showPassword} />}
        {sso && showPassword && <OrDivider />}
        {showPassword && (
          <form noValidate onSubmit={submit} className="grid gap-4">
            <Field label="Email" error={errors.email}>
              <Input name="email" type="email" autoComplete="username" autoFocus required />
            </Field>
            <Field label="Password" error={errors.password}>
              <Input name="password" type="password" autoComplete="current-password" required />
            </Field>
            {login.isError && <Alert variant="error">{errorMessage(login.error)}</Alert>}
            <Button type="submit" loading={login.isPending} className="w-full">
              Log in
            </Button>
          </form>
        )}
      </CardContent>
    </Card>
  );
}
