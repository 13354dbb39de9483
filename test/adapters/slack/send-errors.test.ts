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

  it.each(["channel_not_found", "not_in_channel", "is_archived", "user_not_found", "cannot_dm_bot"])(
    "treats %s as a recipient that cannot be reached (reported once), not a refusal of the content",
    (reason) => {
      expect(toSendError(platformError(reason))).toMatchObject({ code: "UNREACHABLE", retryable: false });
    },
  );

  it.each(["invalid_auth", "token_revoked", "account_inactive", "not_authed"])(
    "treats %s as an outage of the workspace (sends pause, nothing dead-lettered)",
    (reason) => {
      expect(toSendError(platformError(reason))).toMatchObject({ code: "OUTAGE", retryable: true });
    },
  );

  it("keeps a missing scope a final platform error", () => {
    expect(toSendError(platformError("missing_scope"))).toMatchObject({ code: "PLATFORM", retryable: false });
  });

  it("retries an unknown platform error", () => {
    expect(toSendError(platformError("internal_error"))).toMatchObject({ code: "PLATFORM", retryable: true });
  });
});
