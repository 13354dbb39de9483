#!/usr/bin/env node
// Runs the compiled CLI when built (npm run build), otherwise the TypeScript source through tsx.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const compiled = join(root, "dist", "src", "cli.js");
if (!existsSync(compiled)) {
  const { register } = await import("tsx/esm/api");
  register();
}
const cli = await import(pathToFileURL(existsSync(compiled) ? compiled : join(root, "src", "cli.ts")).href);
await cli.main();
