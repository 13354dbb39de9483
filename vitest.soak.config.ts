import { defineConfig } from "vitest/config";

/** The long reliability runs behind `npm run test:soak`; `npm test` runs their short versions. */
export default defineConfig({
  test: {
    include: ["test/reliability/**/*.soak.test.ts"],
    testTimeout: 15 * 60_000,
    hookTimeout: 60_000,
    pool: "forks",
    setupFiles: ["test/helpers/log-guard.ts"],
    env: { TANDEM_SOAK: "1" },
  },
});
