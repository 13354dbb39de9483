import { neutralizeMentions, stripBidiControls } from "../escape.js";

/** Quotes a piece of user input inside an error message: shortened, one line, unable to ping. */
export function echo(text: string, max = 40): string {
  const oneLine = stripBidiControls(text).replace(/\s+/g, " ").trim();
  const chars = [...oneLine];
  const short = chars.length > max ? `${chars.slice(0, max - 1).join("")}…` : oneLine;
  return `"${neutralizeMentions(short)}"`;
}
