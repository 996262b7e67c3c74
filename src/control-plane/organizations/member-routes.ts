import type { Router } from '../http/route.ts';
import { access } from '../http/route.ts';
import type { MemberService } from './member-service.ts';
import {
  changeRoleRequestSchema,
  createdInvitationSchema,
  invitationParamsSchema,
  inviteMemberRequestSchema,
  memberListSchema,
  memberParamsSchema,
  orgParamsSchema,
} from '../../shared/api/organizations.ts';

export function registerMemberRoutes(router: Router, members: MemberService) {
  router.route({
    method: 'GET',
    url: '/api/v1/orgs/:org/members',
    tag: 'members',
    summary: 'List members and open invitations',
    access: access.org('viewer'),
    params: orgParamsSchema,
    response: memberListSchema,
    handler: ({ org }) => members.list(org),
  });

  router.route({
    method: 'POST',
    url: '/api/v1/orgs/:org/invitations',
    tag: 'members',
    summary: 'Invite someone by email with a role; returns a one-time accept link',
    access: access.org('admin'),
    params: orgParamsSchema,
    body: inviteMemberRequestSchema,
    response: createdInvitationSchema,
    status: 201,
    handler: ({ org, principal, body }) => members.invite(org, principal, body),
  });

  router.route({
    method: 'DELETE',
    url: '/api/v1/orgs/:org/invitations/:invitationId',
    tag: 'members',
    summary: 'Revoke an open invitation',
    access: access.org('admin'),
    params: invitationParamsSchema,
    status: 204,
    handler: ({ org, params }) => members.revokeInvitation(org, params.invitationId),
  });

  router.route({
    method: 'PATCH',
    url: '/api/v1/orgs/:org/members/:userId',
    tag: 'members',
    summary: "Change a member's role (the last admin cannot be demoted)",
    access: access.org('admin'),
    params: memberParamsSchema,
    body: changeRoleRequestSchema,
    status: 204,
    handler: ({ org, params, body }) => members.changeRole(org, params.userId, body.role),
  });

  router.route({
    method: 'DELETE',
    url: '/api/v1/orgs/:org/members/:userId',
    tag: 'members',
    summary: 'Remove a member (the last admin cannot be removed)',
    access: access.org('admin'),
    params: memberParamsSchema,
    status: 204,
    handler: ({ org, params }) => members.remove(org, params.userId),
  });
}
