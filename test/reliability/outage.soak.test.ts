import { describe, expect, it } from "vitest";
import { platformOutage } from "./outage.scenario.js";
import { outboxOf } from "./service-state.js";

const PER_GROUP = 1_000;

describe("the platform unreachable for 10 simulated minutes (soak)", () => {
  it(`sends ${2 * PER_GROUP} queued check-ins afterwards and expires ${PER_GROUP} whose window closed`, async () => {
    const report = await platformOutage(PER_GROUP);
    const { state, ...figures } = report;
    console.log("outage (soak):", JSON.stringify(figures));
    expect(report).toMatchObject({ sentAfterOutage: 2 * PER_GROUP, expired: PER_GROUP });
    expect(report.reached).toEqual({ a: PER_GROUP, b: 0, c: PER_GROUP });
    expect(outboxOf(state!, "checkin")).toEqual({
      "checkin:expired": PER_GROUP,
      "checkin:sent": 2 * PER_GROUP,
    });
  });
});
