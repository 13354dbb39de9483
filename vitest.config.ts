import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    testTimeout: 20_000,
    pool: "forks",
    // Vitest's default is one worker per core minus one: a single worker on a 2-core machine, idle while the
    // end-to-end tests wait on real-time pacing, sockets and PostgreSQL round trips. Two keep both cores busy.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    setupFiles: ["test/helpers/log-guard.ts"],
    // One throwaway PostgreSQL for the run (or TANDEM_TEST_POSTGRES): see test/helpers/postgres.ts.
    globalSetup: ["test/helpers/postgres-global-setup.ts"],
    projects: [
      {
        extends: true,
        test: {
          name: "sqlite",
          include: ["test/**/*.test.ts"],
          exclude: ["test/reliability/**/*.soak.test.ts"],
        },
      },
      {
        // The service tests again, each on a PostgreSQL database of its own (TANDEM_TEST_STORE, see
        // test/helpers/test-store.ts). Every query there is a round trip, so the long simulations cost
        // 5 to 10 times what they cost on SQLite: to keep `npm test` near 5 minutes on two cores, four of
        // them stay SQLite-only, each a rule or handler another file here covers on PostgreSQL too:
        // escalation (the reply rule and noreply: reply-tracking, reply-clock-intent), nudges (the isolation
        // rule and the nudges command: isolation, leave-cover), message-size (the digest: weekly-digest;
        // the shaping itself is domain code) and checkins-dst (the check-in rule: checkins; the time
        // arithmetic is domain code). They pass on PostgreSQL too: run one there with
        // `TANDEM_TEST_STORE=postgres npx vitest run --project sqlite --test-timeout 120000 <file>`.
        extends: true,
        test: {
          name: "postgres",
          include: ["test/services/**/*.test.ts"],
          exclude: [
            "test/services/escalation.test.ts",
            "test/services/nudges.test.ts",
            "test/services/message-size.test.ts",
            "test/services/checkins-dst.test.ts",
          ],
          env: { TANDEM_TEST_STORE: "postgres" },
          // A database round trip per query: a month-long simulation (welcome-back) takes over 20 s on a
          // busy machine.
          testTimeout: 60_000,
        },
      },
    ],
  },
});
