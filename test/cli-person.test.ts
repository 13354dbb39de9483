import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { sampleProgramme } from "./helpers/programme.js";
import { cli } from "./helpers/run-cli.js";

describe("tandem person", () => {
  it("exports a person as JSON, refuses to erase without --yes, then erases", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tandem-person-"));
    const env = { DATABASE_PATH: join(dir, "tandem.db") };
    const file = join(dir, "programme.yaml");
    writeFileSync(file, stringify(sampleProgramme()));
    expect((await cli(["import", file], env)).code).toBe(0);

    const out = join(dir, "ana.json");
    expect(await cli(["person", "export", "ana", "--out", out], env)).toMatchObject({
      code: 0,
      stdout: `exported ana from console:test to ${out}\n`,
    });
    expect(JSON.parse(readFileSync(out, "utf8")).profile.name).toBe("Ana Souza");
    expect(statSync(out).mode & 0o777).toBe(0o600);

    const refused = await cli(["person", "erase", "ana"], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("tandem person erase ana --yes");
    expect(JSON.parse((await cli(["person", "export", "ana"], env)).stdout).profile.name).toBe("Ana Souza");

    const erased = await cli(["person", "erase", "ana", "--yes"], env);
    expect(erased).toMatchObject({ code: 0, stdout: expect.stringMatching(/^erased ana from console:test/) });
    const gone = await cli(["person", "export", "ana"], env);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toMatch(/there is no person "ana" in console:test \(known: [a-z, ]*bram/);
    expect((await cli(["person", "forget", "ana"], env)).stderr).toContain("person needs export or erase");
  });
});
