/** `tandem person export|erase <key>`: one person's data under their control (GDPR Art. 15 and 17). */
import { resolve } from "node:path";
import { type CliIo, chooseWorkspace, option, positional } from "./cli-args.js";
import type { Config } from "./config.js";
import { AppError } from "./domain/errors.js";
import { writePrivateFile } from "./private-files.js";
import { erasePerson, exportPerson } from "./services/person-data.js";
import { openStoreFor } from "./storage/open-store.js";

/** `person export <key>` and `person erase <key> --yes`: one person's data under their control. */
export async function person(config: Config, args: string[], io: CliIo): Promise<void> {
  const [verb, ...rest] = args;
  if (verb !== "export" && verb !== "erase") {
    throw new AppError("BAD_INPUT", "person needs export or erase, e.g. tandem person export ana");
  }
  const key = positional(rest);
  if (!key)
    throw new AppError("BAD_INPUT", `person ${verb} needs a person's key, e.g. tandem person ${verb} ana`);
  const now = new Date();
  const store = await openStoreFor(config, { now });
  try {
    const { platform, id } = await chooseWorkspace(store, option(rest, "--workspace"), `find ${key} in`);
    const workspace = await store.workspaces.find(platform, id);
    if (!workspace) throw new AppError("BAD_INPUT", `there is no workspace ${platform}:${id}`);
    if (verb === "export") {
      const data = await exportPerson(store, workspace, key, now);
      if (!data.ok) throw new AppError("BAD_INPUT", data.error);
      const json = `${JSON.stringify(data.value, null, 2)}\n`;
      const out = option(rest, "--out");
      if (out) {
        writePrivateFile(resolve(out), json);
        io.stdout.write(`exported ${key} from ${platform}:${id} to ${out}\n`);
      } else io.stdout.write(json);
      return;
    }
    if (!rest.includes("--yes")) {
      throw new AppError(
        "BAD_INPUT",
        `erasing ${key} cannot be undone: their words, names and platform ids are removed (figures stay). Export first if they asked for a copy, then run: tandem person erase ${key} --yes`,
      );
    }
    const erased = await erasePerson(store, workspace, key, now);
    if (!erased.ok) throw new AppError("BAD_INPUT", erased.error);
    io.stdout.write(`erased ${key} from ${platform}:${id} (${erased.value.rows} rows changed)\n`);
  } finally {
    await store.close();
  }
}
