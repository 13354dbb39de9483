/** Bot tokens at rest: AES-256-GCM with a key from the environment (SLACK_TOKEN_KEY). */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { AppError } from "../../src/domain/errors.js";

export interface TokenVault {
  seal(plain: string): string;
  open(sealed: string): string;
}

/** `key` is 32 bytes, given as base64 or hex. */
export function createTokenVault(key: string): TokenVault {
  const bytes = /^[0-9a-f]{64}$/i.test(key) ? Buffer.from(key, "hex") : Buffer.from(key, "base64");
  if (bytes.length !== 32) {
    throw new AppError(
      "CONFIG",
      "SLACK_TOKEN_KEY must be 32 random bytes in base64 or hex; for example SLACK_TOKEN_KEY=$(openssl rand -base64 32)",
    );
  }
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", bytes, iv);
      const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
      return [
        "v1",
        iv.toString("base64"),
        cipher.getAuthTag().toString("base64"),
        data.toString("base64"),
      ].join(":");
    },
    open(sealed) {
      const [version, iv, tag, data] = sealed.split(":");
      if (version !== "v1" || !iv || !tag || !data)
        throw new AppError("CONFIG", "a stored Slack installation is not in a format this Tandem reads");
      try {
        const decipher = createDecipheriv("aes-256-gcm", bytes, Buffer.from(iv, "base64"));
        decipher.setAuthTag(Buffer.from(tag, "base64"));
        return Buffer.concat([decipher.update(Buffer.from(data, "base64")), decipher.final()]).toString(
          "utf8",
        );
      } catch (cause) {
        throw new AppError(
          "CONFIG",
          "a stored Slack installation cannot be decrypted: SLACK_TOKEN_KEY differs from the key it was stored with",
          { cause },
        );
      }
    },
  };
}
