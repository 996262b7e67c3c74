import { z } from 'zod';
import { displayNameSchema, emailSchema } from '../names.ts';
import { roleSchema } from '../roles.ts';

export const MAX_PASSWORD_LENGTH = 256;

export const loginRequestSchema = z.strictObject({
  email: emailSchema,
  // Unknown accounts and wrong passwords share one error, so nothing here reveals
  // whether an email is registered.
  password: z.string().min(1, 'Password is required').max(MAX_PASSWORD_LENGTH),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const newPasswordSchema = z
  .string()
  .min(12, 'Password must be at least 12 characters')
  .max(MAX_PASSWORD_LENGTH, `Password must be at most ${MAX_PASSWORD_LENGTH} characters`);

export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
});
export type User = z.infer<typeof userSchema>;

export const organizationMembershipSchema = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  role: roleSchema,
});
export type OrganizationMembership = z.infer<typeof organizationMembershipSchema>;

export const meResponseSchema = z.object({
  user: userSchema,
  organizations: z.array(organizationMembershipSchema),
  /** Send back as the X-CSRF-Token header on every cookie-authenticated write. */
  csrfToken: z.string().nullable(),
  via: z.enum(['session', 'api_key']),
});
export type MeResponse = z.infer<typeof meResponseSchema>;

export const sessionInfoSchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  expiresAt: z.string(),
  userAgent: z.string().nullable(),
  current: z.boolean(),
});
export type SessionInfo = z.infer<typeof sessionInfoSchema>;
export const sessionListSchema = z.object({ sessions: z.array(sessionInfoSchema) });

export const acceptInvitationRequestSchema = z.strictObject({
  name: displayNameSchema.optional(),
  password: z.string().min(1, 'Password is required').max(MAX_PASSWORD_LENGTH),
});
export type AcceptInvitationRequest = z.infer<typeof acceptInvitationRequestSchema>;

export const invitationPreviewSchema = z.object({
  email: z.string(),
  role: roleSchema,
  organization: z.object({ slug: z.string(), name: z.string() }),
  /** When the account exists, accepting asks for its current password instead of a new one. */
  accountExists: z.boolean(),
  expiresAt: z.string(),
});
export type InvitationPreview = z.infer<typeof invitationPreviewSchema>;

export { CSRF_HEADER, SESSION_COOKIE } from './auth-constants.ts';
