import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { programmeTemplate } from "../src/services/programme/programme-template.js";
import { cli } from "./helpers/run-cli.js";

function workdir() {
  const dir = mkdtempSync(join(tmpdir(), "tandem-init-"));
  return { dir, env: { DATABASE_PATH: join(dir, "tandem.db") } };
}

describe("tandem init", () => {
  it.each(["slack", "teams", "console"])(
    "writes a %s template that imports as written: five people and one internship",
    async (platform) => {
      const { dir, env } = workdir();
      const file = join(dir, "programme.yaml");
      const written = await cli(["init", file, "--platform", platform], env);
      expect(written).toMatchObject({ code: 0, stderr: "" });
      expect(written.stdout).toContain(`wrote a programme template for ${platform} to ${file}`);
      expect(written.stdout).toContain(`then run: tandem import ${file}`);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const imported = await cli(["import", file], env);
      expect(imported.stderr).toBe("");
      expect(imported.stdout).toContain(`into ${platform}:`);
      expect(imported.stdout).toContain("people 5 new");
      expect(imported.stdout).toContain("internships 1 new");
      // Lena, a key in people, is the example's programme admin.
      expect(imported.stdout).toContain("programme admins 1 new, 0 unchanged");
      if (platform !== "console") {
        // The colleague given by e-mail only: kept pending, her country and hours proposed to confirm.
        expect(imported.stdout).toContain("pending until they first write to Tandem: sofie");
        expect(imported.stdout).toContain(
          "people[4] (sofie): country BE and contact hours Mon-Fri 09:00-17:00 proposed",
        );
      }
    },
  );

  it("says where each platform shows the ids the file needs", () => {
    const slack = programmeTemplate("slack", "2026-12-02");
    expect(slack).toContain("# ids.slack: the member id, U (or W) followed by letters and digits");
    expect(slack).toContain("then ⋮ (More) > Copy member ID");
    expect(slack).toContain("/invite @Tandem");
    expect(parse(slack).internships[0].homeChannel).toBe("C0123HOME1");
    const teams = programmeTemplate("teams", "2026-12-02");
    expect(teams).toContain("Microsoft Entra ID > Users > the person > Object ID");
    expect(parse(teams).internships[0].homeChannel).toBe("19:0123456789abcdef@thread.tacv2");
    expect(parse(teams).internships[0].agreement.replies.ackReaction).toBe("like");
  });

  it("starts the example internship on the Monday at least a week away and runs it twelve weeks", () => {
    // Wednesday 2 December 2026: a week later is Wednesday the 9th, so Monday the 14th.
    const internship = parse(programmeTemplate("slack", "2026-12-02")).internships[0];
    expect(internship.start).toBe("2026-12-14");
    expect(internship.end).toBe("2027-03-05");
    // On a Monday, a week later is already a Monday.
    expect(parse(programmeTemplate("slack", "2026-12-07")).internships[0].start).toBe("2026-12-14");
  });

  it("writes programme.yaml for the platform PLATFORMS names when none is given", async () => {
    const { dir, env } = workdir();
    const file = join(dir, "from-env.yaml");
    const result = await cli(["init", file], { ...env, PLATFORMS: "console, teams" });
    expect(result.stdout).toContain("template for teams");
    expect(parse(readFileSync(file, "utf8")).workspace.platform).toBe("teams");
  });

  it("leaves an existing file alone unless --force is given", async () => {
    const { dir, env } = workdir();
    const file = join(dir, "programme.yaml");
    writeFileSync(file, "mine\n");
    const refused = await cli(["init", file], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      `tandem: ${file} already exists and was left as it is; choose another name, or add --force to replace it\n`,
    );
    expect(readFileSync(file, "utf8")).toBe("mine\n");
    expect((await cli(["init", "--force", file], env)).code).toBe(0);
    expect(readFileSync(file, "utf8")).toContain("# Tandem programme file for Slack");
  });

  it("names the platforms it knows when asked for another", async () => {
    const { env } = workdir();
    const result = await cli(["init", "--platform", "discord"], env);
    expect(result).toMatchObject({
      code: 1,
      stderr: 'tandem: --platform "discord" is not a platform; use slack, teams or console\n',
    });
  });
});
