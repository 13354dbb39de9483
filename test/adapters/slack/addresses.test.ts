import { describe, expect, it } from "vitest";
import { slackConversation, slackTarget } from "../../../adapters/slack/addresses.js";
import { conversationAddress, groupAddress, userAddress } from "../../../src/domain/addresses.js";
import { isAppError } from "../../../src/domain/errors.js";

describe("Slack addresses", () => {
  it("delivers to a person by user id (Slack opens the direct message)", () => {
    expect(slackTarget(userAddress("slack", "T1", "U0ANA"))).toEqual({ team: "T1", channel: "U0ANA" });
  });

  it("round-trips a channel between the core's address and Slack's channel id", () => {
    const address = slackConversation("T1", "C0HOME");
    expect(address).toBe(conversationAddress("slack", "T1", "C0HOME"));
    expect(slackTarget(address)).toEqual({ team: "T1", channel: "C0HOME" });
  });

  it("opens a group conversation with the people of a group address, whatever their order", () => {
    expect(slackTarget(groupAddress("slack", "T1", ["U0BRAM", "U0ANA", "U0ANA"]))).toEqual({
      team: "T1",
      users: ["U0ANA", "U0BRAM"],
    });
  });

  it("refuses addresses of other platforms and kinds it cannot deliver to, as final errors", () => {
    for (const address of [
      "teams:T1:user:29:abc",
      "console:demo:user:ana",
      "slack:T1:thread:C1:123",
      "nonsense",
    ]) {
      let error: unknown;
      try {
        slackTarget(address);
      } catch (caught) {
        error = caught;
      }
      expect(isAppError(error) && error.code === "PLATFORM" && !error.retryable).toBe(true);
    }
  });
});
