/**
 * The Bot Framework's token side on loopback: OpenID metadata and a JWKS with one RSA key endorsed for
 * `msteams`, and tokens signed with it as the channel signs what it posts to a bot. Point the Teams
 * adapter's `openIdMetadataUrl` here to check that a correctly signed request is accepted.
 */
import { createSign, generateKeyPairSync, type KeyObject } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/** The issuer of tokens the channel sends to bots (botframework-connector's ToBotFromChannelTokenIssuer). */
export const CHANNEL_ISSUER = "https://api.botframework.com";

export interface TeamsTokenIssuer {
  metadataUrl: string;
  /** A JWT (RS256) for this app id and serviceUrl, valid for an hour from the wall clock. */
  sign(claims: { appId: string; serviceUrl: string }, options?: { key?: KeyObject; kid?: string }): string;
  close(): Promise<void>;
}

const base64url = (data: Buffer | string) => Buffer.from(data).toString("base64url");

export async function startTeamsTokenIssuer(): Promise<TeamsTokenIssuer> {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const kid = "tandem-test-key";
  const jwk = publicKey.export({ format: "jwk" });
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://127.0.0.1").pathname;
    const body =
      path === "/openidconfiguration"
        ? {
            issuer: CHANNEL_ISSUER,
            jwks_uri: `${base}/keys`,
            id_token_signing_alg_values_supported: ["RS256"],
          }
        : path === "/keys"
          ? { keys: [{ kty: "RSA", use: "sig", kid, n: jwk.n, e: jwk.e, endorsements: ["msteams"] }] }
          : undefined;
    res.writeHead(body ? 200 : 404, { "content-type": "application/json" });
    res.end(JSON.stringify(body ?? { error: "not found" }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    metadataUrl: `${base}/openidconfiguration`,
    sign({ appId, serviceUrl }, options = {}) {
      // jsonwebtoken inside botframework-connector checks exp and nbf against the wall clock.
      const now = Math.floor(Date.now() / 1000);
      const header = base64url(JSON.stringify({ alg: "RS256", typ: "JWT", kid: options.kid ?? kid }));
      const payload = base64url(
        JSON.stringify({
          iss: CHANNEL_ISSUER,
          aud: appId,
          serviceurl: serviceUrl,
          nbf: now - 60,
          exp: now + 3600,
        }),
      );
      const signature = createSign("RSA-SHA256")
        .update(`${header}.${payload}`)
        .sign(options.key ?? privateKey);
      return `${header}.${payload}.${base64url(signature)}`;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
