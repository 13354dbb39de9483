import { describe, expect, it } from "vitest";
import { platformOutage } from "./outage.scenario.js";

const PER_GROUP = 1_000;

describe("the platform unreachable for 10 simulated minutes (soak)", () => {
  it(`sends ${2 * PER_GROUP} queued check-ins afterwards and expires ${PER_GROUP} whose window closed`, async () => {
    const report = await platformOutage(PER_GROUP);
    console.log("outage (soak):", JSON.stringify(report));
    expect(report).toMatchObject({ sentAfterOutage: 2 * PER_GROUP, expired: PER_GROUP });
  });
});
