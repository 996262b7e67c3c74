import auth from './0001-auth.ts';

export interface Migration {
  id: number;
  name: string;
  sql: string;
}

/**
 * Migrations are TypeScript modules holding SQL so that they ship inside the build
 * with no copy step. Append only: an applied migration is never edited.
 */
export const migrations: Migration[] = [{ id: 1, name: 'auth', sql: auth }];
