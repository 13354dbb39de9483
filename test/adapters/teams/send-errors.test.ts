import { describe, expect, it } from "vitest";
import { toTeamsSendError } from "../../../adapters/teams/send-errors.js";

describe("Teams send errors", () => {
  it("treats HTTP 413 (MessageSizeTooBig) as a refusal of the message itself, never retried", () => {
    expect(toTeamsSendError({ statusCode: 413, message: "MessageSizeTooBig" })).toMatchObject({
      code: "REFUSED",
      retryable: false,
    });
  });

  it("retries throttling and keeps a missing installation unreachable", () => {
    expect(toTeamsSendError({ statusCode: 429 })).toMatchObject({ code: "PLATFORM", retryable: true });
    expect(toTeamsSendError({ statusCode: 403 })).toMatchObject({ code: "UNREACHABLE" });
  });

  it("treats refused bot credentials (HTTP 401) as an outage: sends pause, nothing dead-lettered", () => {
    expect(toTeamsSendError({ statusCode: 401 })).toMatchObject({ code: "OUTAGE", retryable: true });
  });
});
