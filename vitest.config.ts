import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    exclude: ["test/reliability/**/*.soak.test.ts"],
    testTimeout: 20_000,
    pool: "forks",
    setupFiles: ["test/helpers/log-guard.ts"],
    // One throwaway PostgreSQL for the run (or TANDEM_TEST_POSTGRES): see test/helpers/postgres.ts.
    globalSetup: ["test/helpers/postgres-global-setup.ts"],
  },
});
