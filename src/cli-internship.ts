/** `tandem report` and `tandem certificate`: documents about one internship, to stdout or a private file. */
import { resolve } from "node:path";
import { type CliIo, chooseWorkspace, option, parseInstant, positional } from "./cli-args.js";
import type { Config } from "./config.js";
import { AppError } from "./domain/errors.js";
import type { Internship, Workspace } from "./domain/types.js";
import type { Store } from "./ports/store.js";
import { writePrivateFile } from "./private-files.js";
import { draftCertificate } from "./services/certificate/certificate.js";
import {
  certificateHtml,
  certificateJson,
  certificateMarkdown,
} from "./services/certificate/certificate-render.js";
import { summarizeWholeInternship } from "./services/internship-summary.js";
import { renderCsv, renderJson, renderMarkdown } from "./services/summary-render.js";
import { openStoreFor } from "./storage/open-store.js";

/** The workspace (--workspace or the only one) and the internship named by the first argument. */
async function internshipOf(
  store: Store,
  args: string[],
  verb: string,
): Promise<{ workspace: Workspace; internship: Internship }> {
  const { platform, id } = await chooseWorkspace(store, option(args, "--workspace"), `${verb} on`);
  const workspace = await store.workspaces.find(platform, id);
  if (!workspace) throw new AppError("BAD_INPUT", `there is no workspace ${platform}:${id}`);
  const known = (await store.internships.list(workspace.id)).map((i) => i.key);
  const knownText = known.join(", ") || "none yet";
  const key = positional(args);
  if (!key) {
    throw new AppError(
      "BAD_INPUT",
      `${verb} needs an internship key, e.g. tandem ${verb} ${known[0] ?? "ana-2026"} (known: ${knownText})`,
    );
  }
  const internship = await store.internships.byKey(workspace.id, key);
  if (!internship) {
    throw new AppError(
      "BAD_INPUT",
      `there is no internship "${key}" in ${platform}:${id} (known: ${knownText})`,
    );
  }
  return { workspace, internship };
}

/** Renders a document in the format --format names (the first is the default), to --out or stdout. */
async function writeDocument<T>(
  config: Config,
  args: string[],
  io: CliIo,
  verb: string,
  formats: Record<string, (document: T) => string>,
  build: (store: Store, workspace: Workspace, internship: Internship, now: Date) => Promise<T | undefined>,
): Promise<void> {
  const names = Object.keys(formats);
  const format = option(args, "--format") ?? names[0]!;
  if (!Object.hasOwn(formats, format)) {
    const choices = `${names.slice(0, -1).join(", ")} or ${names.at(-1)}`;
    throw new AppError("BAD_INPUT", `--format "${format}" is not a ${verb} format; use ${choices}`);
  }
  const atText = option(args, "--at");
  const now = atText ? parseInstant(atText) : new Date();
  const store = await openStoreFor(config, { now });
  try {
    const { workspace, internship } = await internshipOf(store, args, verb);
    const document = await build(store, workspace, internship, now);
    if (!document) {
      throw new AppError(
        "BAD_INPUT",
        `internship "${internship.key}" has no intern or supervisor in the database`,
      );
    }
    const text = formats[format]!(document);
    const out = option(args, "--out");
    if (out) {
      writePrivateFile(resolve(out), text);
      io.stdout.write(`wrote the ${format} ${verb} on ${internship.key} to ${out}\n`);
    } else io.stdout.write(text);
  } finally {
    await store.close();
  }
}

export async function report(config: Config, args: string[], io: CliIo): Promise<void> {
  await writeDocument(
    config,
    args,
    io,
    "report",
    { md: renderMarkdown, csv: renderCsv, json: renderJson },
    (s, w, i, now) => summarizeWholeInternship(s, w.id, i.id, now),
  );
}

export async function certificate(config: Config, args: string[], io: CliIo): Promise<void> {
  await writeDocument(
    config,
    args,
    io,
    "certificate",
    { md: certificateMarkdown, json: certificateJson, html: certificateHtml },
    (s, w, i, now) => draftCertificate(s, w.id, i.id, now),
  );
}
