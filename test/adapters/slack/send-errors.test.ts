import { describe, expect, it } from "vitest";
import { toSendError } from "../../../adapters/slack/send-errors.js";

const platformError = (error: string) => ({ code: "slack_webapi_platform_error", data: { error } });

describe("Slack send errors", () => {
  it.each(["invalid_blocks", "msg_too_long", "msg_blocks_too_long", "invalid_arguments"])(
    "treats %s as a refusal of the message itself, never retried",
    (reason) => {
      const error = toSendError(platformError(reason));
      expect(error).toMatchObject({ code: "REFUSED", retryable: false });
      expect(error.message).toContain(reason);
    },
  );

  it("keeps a missing channel a final platform error, not a refusal of the content", () => {
    expect(toSendError(platformError("channel_not_found"))).toMatchObject({
      code: "PLATFORM",
      retryable: false,
    });
  });

  it("retries an unknown platform error", () => {
    expect(toSendError(platformError("internal_error"))).toMatchObject({ code: "PLATFORM", retryable: true });
  });
});
