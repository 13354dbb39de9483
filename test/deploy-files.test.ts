/** compose.yaml, the Dockerfile and .env.example agree with each other and with what Tandem reads. */
import { readFileSync } from "node:fs";
import { join, posix } from "node:path";
import { parseEnv } from "node:util";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { SETTING_NAMES } from "../src/config.js";

const ROOT = join(import.meta.dirname, "..");
const read = (file: string) => readFileSync(join(ROOT, file), "utf8");

interface Service {
  build?: string;
  restart?: string;
  env_file?: string | string[];
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
}

describe("compose.yaml", () => {
  const compose = parse(read("compose.yaml")) as { services: Record<string, Service>; volumes?: object };
  const tandem = compose.services.tandem!;
  const mounts = (tandem.volumes ?? []).map((v) => {
    const [source, target] = v.split(":");
    return { source: source!, target: target! };
  });

  it("builds this folder's image, comes back after a crash or reboot, and reads .env", () => {
    expect(tandem.build).toBe(".");
    expect(["always", "unless-stopped"]).toContain(tandem.restart);
    expect([tandem.env_file].flat()).toEqual([".env"]);
  });

  it("keeps the database on a named volume, whatever .env says, in the folder the image declares", () => {
    const databasePath = tandem.environment?.DATABASE_PATH ?? "";
    const mount = mounts.find((m) => databasePath.startsWith(`${m.target}/`));
    expect(mount, `DATABASE_PATH ${databasePath} must be on a mounted volume`).toBeDefined();
    expect(Object.keys(compose.volumes ?? {})).toContain(mount!.source);
    const dockerfile = read("Dockerfile");
    expect(dockerfile).toContain(`VOLUME ["${mount!.target}"]`);
    expect(dockerfile).toContain(`DATABASE_PATH=${databasePath}`);
    expect(posix.isAbsolute(databasePath)).toBe(true);
  });

  it("listens on every interface inside the container and publishes that port on loopback only", () => {
    expect(tandem.environment?.HOST).toBe("0.0.0.0");
    const port = tandem.environment?.PORT;
    expect(tandem.ports).toEqual([`127.0.0.1:${port}:${port}`]);
  });
});

describe(".env.example", () => {
  const text = read(".env.example");
  const set = Object.keys(parseEnv(text));
  const commented = [...text.matchAll(/^#\s*([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]!);

  it("names only variables Tandem reads, so a copied .env gets no warning", () => {
    for (const name of set) expect(SETTING_NAMES).toContain(name);
  });

  it("names every variable Tandem reads", () => {
    for (const name of SETTING_NAMES) expect([...set, ...commented]).toContain(name);
  });
});
