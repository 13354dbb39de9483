import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { BOT_SCOPES } from "../../../adapters/slack/workspace-clients.js";
import { DIRECTORY_SCOPES } from "../../fakes/slack-directory.js";

const manifest = parse(readFileSync("adapters/slack/manifest.yaml", "utf8")) as {
  oauth_config: { scopes: { bot: string[] } };
  settings: { event_subscriptions: { bot_events: string[] } };
};
const scopes = new Set(manifest.oauth_config.scopes.bot);
const events = manifest.settings.event_subscriptions.bot_events;

/** Slack's events reference: the bot scopes of which one is needed to receive each event. */
const NEEDS: Record<string, string[]> = {
  app_home_opened: [],
  app_mention: ["app_mentions:read"],
  member_joined_channel: ["channels:read", "groups:read"],
  "message.channels": ["channels:history"],
  "message.groups": ["groups:history"],
  "message.im": ["im:history"],
  "message.mpim": ["mpim:history"],
  reaction_added: ["reactions:read"],
};

describe("the Slack app manifest", () => {
  it.each(events)("grants a scope that delivers the %s event", (event) => {
    const needed = NEEDS[event];
    expect(needed, `add ${event}'s scopes from Slack's events reference to this test`).toBeDefined();
    if (needed?.length) expect(needed.some((scope) => scopes.has(scope))).toBe(true);
  });

  it("subscribes to every event a listener waits for", () => {
    const source = readFileSync("adapters/slack/listeners.ts", "utf8");
    const listened = [...source.matchAll(/bolt\.event\("([a-z_]+)"/g)].map((m) => m[1]!);
    expect(listened.length).toBeGreaterThan(3);
    for (const event of listened) {
      const subscribed =
        event === "message" ? events.some((e) => e.startsWith("message.")) : events.includes(event);
      expect(subscribed, event).toBe(true);
    }
  });

  it("asks for the same bot scopes on OAuth install as the manifest grants", () => {
    expect([...BOT_SCOPES].sort()).toEqual([...scopes].sort());
  });

  it("grants the scopes the directory's Web API methods need (users.info, lookupByEmail, conversations.info)", () => {
    for (const scope of DIRECTORY_SCOPES) expect(scopes.has(scope), scope).toBe(true);
  });
});
