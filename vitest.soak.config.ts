import { defineConfig } from "vitest/config";

/** The long reliability runs behind `npm run test:soak`; `npm test` runs their short versions. */
export default defineConfig({
  test: {
    include: ["test/reliability/**/*.soak.test.ts"],
    testTimeout: 15 * 60_000,
    hookTimeout: 60_000,
    pool: "forks",
    setupFiles: ["test/helpers/log-guard.ts"],
    // One throwaway PostgreSQL for the run (or TANDEM_TEST_POSTGRES): see test/helpers/postgres.ts.
    globalSetup: ["test/helpers/postgres-global-setup.ts"],
    env: { TANDEM_SOAK: "1" },
  },
});
