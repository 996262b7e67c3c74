import { z } from 'zod';
import { displayNameSchema, emailSchema, slugSchema } from '../names.ts';
import { roleSchema } from '../roles.ts';

export const orgParamsSchema = z.strictObject({ org: slugSchema });

export const memberSchema = z.object({
  userId: z.string(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  joinedAt: z.string(),
});
export type Member = z.infer<typeof memberSchema>;

export const invitationSchema = z.object({
  id: z.string(),
  email: z.string(),
  role: roleSchema,
  invitedBy: z.string().nullable(),
  createdAt: z.string(),
  expiresAt: z.string(),
});
export type Invitation = z.infer<typeof invitationSchema>;

export const memberListSchema = z.object({
  members: z.array(memberSchema),
  invitations: z.array(invitationSchema),
});
export type MemberList = z.infer<typeof memberListSchema>;

export const inviteMemberRequestSchema = z.strictObject({ email: emailSchema, role: roleSchema });
export type InviteMemberRequest = z.infer<typeof inviteMemberRequestSchema>;

export const createdInvitationSchema = z.object({
  invitation: invitationSchema,
  /** Path in the studio where the invitee accepts; shown once, since only its hash is stored. */
  acceptPath: z.string(),
});
export type CreatedInvitation = z.infer<typeof createdInvitationSchema>;

export const memberParamsSchema = orgParamsSchema.extend({ userId: z.uuid('Not a valid member id') });
export const invitationParamsSchema = orgParamsSchema.extend({ invitationId: z.uuid('Not a valid invitation id') });

export const changeRoleRequestSchema = z.strictObject({ role: roleSchema });

export const apiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  role: roleSchema,
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiKey = z.infer<typeof apiKeySchema>;
export const apiKeyListSchema = z.object({ apiKeys: z.array(apiKeySchema) });

export const createApiKeyRequestSchema = z.strictObject({
  name: displayNameSchema,
  role: roleSchema,
  expiresInDays: z.number().int().min(1).max(3650).nullable().optional(),
});
export type CreateApiKeyRequest = z.infer<typeof createApiKeyRequestSchema>;

export const createdApiKeySchema = z.object({
  apiKey: apiKeySchema,
  /** The full secret. It is shown this once and never stored in clear. */
  key: z.string(),
});
export type CreatedApiKey = z.infer<typeof createdApiKeySchema>;

export const apiKeyParamsSchema = orgParamsSchema.extend({ keyId: z.uuid('Not a valid API key id') });
