import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    exclude: ["test/reliability/**/*.soak.test.ts"],
    testTimeout: 20_000,
    pool: "forks",
    setupFiles: ["test/helpers/log-guard.ts"],
  },
});
