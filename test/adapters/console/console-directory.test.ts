import { describe, expect, it } from "vitest";
import { createConsoleDirectory } from "../../../adapters/console/console-directory.js";
import { DEMO_WORKSPACE, demoProgramme } from "../../../adapters/console/demo-programme.js";
import { importProgramme } from "../../../src/services/programme/import-programme.js";
import { sampleProgramme } from "../../helpers/programme.js";
import { createTestStore } from "../../helpers/test-store.js";

const NOW = new Date("2026-11-30T12:00:00Z");

async function seeded() {
  const store = createTestStore(NOW);
  await importProgramme(store, demoProgramme("2026-11-30"), NOW, "demo");
  return { store, directory: createConsoleDirectory(store) };
}

describe("console directory", () => {
  it("describes a demo persona with the name and time zone Tandem has, and the roster's e-mail", async () => {
    const { directory } = await seeded();
    expect(await directory.person(DEMO_WORKSPACE, "ana")).toEqual({
      userId: "ana",
      name: "Ana Souza",
      timezone: "America/Sao_Paulo",
      email: "ana@playground.example",
      isAdmin: false,
      isOwner: false,
      isBot: false,
      deleted: false,
    });
  });

  it("knows workspace members who are not in any internship yet, and its admins and owner", async () => {
    const { directory } = await seeded();
    expect(await directory.person(DEMO_WORKSPACE, "kenji")).toMatchObject({
      name: "Kenji Sato",
      timezone: "Asia/Tokyo",
      isAdmin: false,
    });
    expect(await directory.person(DEMO_WORKSPACE, "marc")).toMatchObject({ isAdmin: true, isOwner: false });
    expect(await directory.person(DEMO_WORKSPACE, "lena")).toMatchObject({ isAdmin: true, isOwner: true });
    expect(await directory.person(DEMO_WORKSPACE, "nobody")).toBeUndefined();
  });

  it("finds a member by e-mail whatever its case, and nobody for an address no one has", async () => {
    const { directory } = await seeded();
    expect((await directory.byEmail(DEMO_WORKSPACE, " Kenji@Playground.example "))?.userId).toBe("kenji");
    expect(await directory.byEmail(DEMO_WORKSPACE, "newhire@playground.example")).toBeUndefined();
  });

  it("says who a DM cannot reach and why: unknown, deactivated, a bot", async () => {
    const { directory } = await seeded();
    expect(await directory.canMessage(DEMO_WORKSPACE, "bram")).toEqual({ reachable: true });
    expect(await directory.canMessage(DEMO_WORKSPACE, "kenji")).toEqual({ reachable: true });
    expect(await directory.canMessage(DEMO_WORKSPACE, "ghost")).toEqual({
      reachable: false,
      reason: "unknown-user",
    });
    expect(await directory.canMessage(DEMO_WORKSPACE, "pieter")).toEqual({
      reachable: false,
      reason: "deleted",
    });
    expect(await directory.canMessage(DEMO_WORKSPACE, "helpbot")).toEqual({
      reachable: false,
      reason: "bot",
    });
  });

  it("has the bot in every well-formed playground channel and refuses a malformed one", async () => {
    const { directory } = await seeded();
    expect(await directory.botInChannel(DEMO_WORKSPACE, "#intern-kenji")).toEqual({
      state: "member",
      name: "intern-kenji",
    });
    expect(await directory.botInChannel(DEMO_WORKSPACE, "not a channel")).toEqual({ state: "not-found" });
  });

  it("in another console workspace, knows only the people imported into it", async () => {
    const store = createTestStore(NOW);
    await importProgramme(store, sampleProgramme(), NOW, "test");
    const directory = createConsoleDirectory(store);
    expect(await directory.person("test", "ben")).toMatchObject({
      name: "Ben Okafor",
      timezone: "Europe/Brussels",
    });
    expect(await directory.person("test", "kenji")).toBeUndefined();
    expect(await directory.byEmail("test", "ana@playground.example")).toBeUndefined();
  });
});
