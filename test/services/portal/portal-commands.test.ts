import { describe, expect, it } from "vitest";
import { useSignInToken } from "../../../src/services/portal/sign-in.js";
import { createBotHarness } from "../../helpers/bot-harness.js";

const URL = "https://tandem.example.edu";
const tokenIn = (text: string) => /\/portal\/link\/([\w-]+)/.exec(text)?.[1] ?? "";

describe("the portal and report commands in chat", () => {
  it("portal replies privately with a one-time link that signs the speaker in", async () => {
    const h = await createBotHarness({ publicUrl: URL });
    const reply = await h.bot.handle({
      kind: "command",
      id: "evt-portal",
      platform: "console",
      workspace: "test",
      user: "lena",
      conversation: "console:test:user:lena",
      at: h.clock.now(),
      text: "portal",
    });
    expect(reply?.public).toBeFalsy();
    expect(reply?.text).toContain(`${URL}/portal/link/`);
    expect(reply?.text).toContain("15 minutes");
    const lena = await h.person("lena");
    expect(await useSignInToken(h.store, tokenIn(reply?.text ?? ""), h.clock.now())).toEqual({
      principal: { kind: "person", workspaceId: h.workspace.id, personId: lena.id },
    });
  });

  it("report links to the intern's report, with a sign-in link that opens it", async () => {
    const h = await createBotHarness({ publicUrl: URL });
    const ana = await h.internship("ana-2026");
    const text = await h.say("bram", "report for @ana");
    expect(text).toContain(`${URL}/portal/internships/${ana.id}/report`);
    const used = await useSignInToken(h.store, tokenIn(text), h.clock.now());
    expect(used?.nextPath).toBe(`/portal/internships/${ana.id}/report`);
  });

  it("report refuses an intern the speaker has no part in, and writes no link", async () => {
    const h = await createBotHarness({ publicUrl: URL });
    const text = await h.say("olga", "report for @ana");
    expect(text).not.toContain("/portal/");
    expect(await h.store.portalLinks.prune(new Date(8.64e15))).toBe(0);
  });

  it("puts no sign-in link where everyone reads the reply (a Teams channel or group chat)", async () => {
    const h = await createBotHarness({ publicUrl: URL });
    const inChannel = async (user: string, text: string) =>
      (
        await h.bot.handle({
          kind: "command",
          id: `evt-${user}-${text}`,
          platform: "console",
          workspace: "test",
          user,
          conversation: "console:test:conv:home",
          at: h.clock.now(),
          text,
          shared: true,
        })
      )?.text ?? "";
    const portal = await inChannel("lena", "portal");
    expect(portal).not.toContain("/portal/");
    expect(portal).toContain("personal chat");
    const ana = await h.internship("ana-2026");
    const report = await inChannel("bram", "report for @ana");
    expect(report).toContain(`${URL}/portal/internships/${ana.id}/report`);
    expect(report).not.toContain("/portal/link/");
    expect(await h.store.portalLinks.prune(new Date(8.64e15))).toBe(0);
  });

  it("says how to turn the portal on when PUBLIC_URL is not set", async () => {
    const h = await createBotHarness();
    expect(await h.say("lena", "portal")).toContain("PUBLIC_URL");
    expect(await h.say("ana", "report")).toContain("PUBLIC_URL");
  });
});
