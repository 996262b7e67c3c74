import { defineConfig } from 'vitest/config';

// Database tests run on PGlite always, and again on a PostgreSQL server when
// DATABASE_URL is set (as .ci/run does), so both backends keep passing.
const postgres = process.env.DATABASE_URL;

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'pglite',
          include: ['src/**/*.test.ts'],
          globalSetup: ['src/control-plane/testing/global-setup-pglite.ts'],
          env: { SWITCHYARD_TEST_DB: 'pglite' },
        },
      },
      ...(postgres
        ? [
            {
              extends: true as const,
              test: {
                name: 'postgres',
                include: ['src/control-plane/**/*.test.ts'],
                globalSetup: ['src/control-plane/testing/global-setup-postgres.ts'],
                env: { SWITCHYARD_TEST_DB: 'postgres' },
              },
            },
          ]
        : []),
    ],
  },
});
