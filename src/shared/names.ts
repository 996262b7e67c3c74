import { z } from 'zod';

export const MAX_NAME_LENGTH = 100;

/** Resource names (namespaces, graphs, subgraphs, flags, plugins) follow Cosmo's rules. */
export const resourceNameSchema = z
  .string()
  .min(1, 'Name is required')
  .max(MAX_NAME_LENGTH, `Name must be at most ${MAX_NAME_LENGTH} characters`)
  .regex(
    /^[a-z0-9][a-z0-9_-]*$/,
    'Name must start with a lowercase letter or digit and contain only lowercase letters, digits, "-" and "_"',
  );

/** Free-text display names: people, organizations, API keys. */
export const displayNameSchema = z
  .string()
  .trim()
  .min(1, 'Name is required')
  .max(MAX_NAME_LENGTH, `Name must be at most ${MAX_NAME_LENGTH} characters`);

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, 'Email must be at most 254 characters')
  .pipe(z.email('Enter a valid email address'));

export const slugSchema = z
  .string()
  .min(1)
  .max(MAX_NAME_LENGTH)
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'Slugs contain only lowercase letters, digits and "-"');
