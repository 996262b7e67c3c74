import { z } from 'zod';

export const roles = ['viewer', 'developer', 'admin'] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;

const rank: Record<Role, number> = { viewer: 0, developer: 1, admin: 2 };

/** True when `held` grants at least what `needed` grants. */
export function roleAtLeast(held: Role, needed: Role): boolean {
  return rank[held] >= rank[needed];
}

export const roleDescriptions: Record<Role, string> = {
  viewer: 'Read graphs, flags and plugins, use the playground',
  developer: 'Everything a viewer can, plus publish schemas and change graphs, flags and plugins',
  admin: 'Everything a developer can, plus manage members and API keys',
};
