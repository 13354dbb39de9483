import { describe, expect, it } from "vitest";
import { eventsAcrossReplicas } from "./replica-events.scenario.js";
import { killDuringFanOut } from "./replica-fanout.scenario.js";

describe("three `tandem start` replicas on one PostgreSQL database", { timeout: 240_000 }, () => {
  it("gives every Slack event one effect when its retries reach the other replicas", async () => {
    const rounds = 2;
    const report = await eventsAcrossReplicas(rounds);
    console.log("replica events (short):", JSON.stringify(report));
    // 5 events a round, each delivered to all three replicas (two at once); every one recorded once.
    expect(report.events).toBe(5 * rounds);
    expect(report.perReplica).toEqual([10, 10, 10]);
    expect(report.state).toEqual({
      inboundEvents: 5 * rounds,
      clocks: { reaction: rounds },
      milestones: { done: rounds },
      // The DM reply goes through the outbox, sent at once by the replica that recorded the event.
      outbox: { "milestone-accept:pending": rounds, "reply-due:pending": rounds, "reply-to:sent": rounds },
      // auth.test: each replica checks the bot token as it starts.
      slack: {
        "auth.test": 3,
        "chat.postEphemeral": rounds,
        "chat.postMessage": rounds,
        "views.publish": rounds,
      },
      dmReplies: rounds,
      rateLimited: 0,
    });
    expect(report.exits.map((e) => e.code)).toEqual([0, 0, 0]);
  });

  it("loses no check-in when one is killed mid fan-out, and sends twice only what it had in flight", async () => {
    const report = await killDuringFanOut({
      interns: 300,
      // Six workspaces: rendezvous hashing gives each of replica-1, -2 and -3 two of them.
      perWorkspace: 50,
      leaseSeconds: 6,
      timeoutMs: 90_000,
    });
    console.log("replica fan-out (short):", JSON.stringify(report));
    expect(report.reached).toBe(300);
    expect(report.duplicates).toBeLessThanOrEqual(report.inFlightAtKill);
    expect(report.peakPerMinute).toBeLessThanOrEqual(report.limit);
  });
});
