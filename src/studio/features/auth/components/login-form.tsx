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

export function LoginForm({ onSuccess }: { onSuccess: (me: MeResponse) => void }) {
  const login = useLogin();
  const [errors, setErrors] = useState<FieldErrors>({});

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input: LoginRequest = { email: String(form.get('email') ?? '').trim(), password: String(form.get('password') ?? '') };
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
        <CardDescription>Use the email and password of your account.</CardDescription>
      </CardHeader>
      <CardContent>
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
      </CardContent>
    </Card>
  );
}
