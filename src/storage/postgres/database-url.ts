/** DATABASE_URL: what a usable one looks like, and how to show one without its password. */

const SCHEMES = ["postgres://", "postgresql://"];

/** What is wrong with a DATABASE_URL, or undefined when pg can use it. Never quotes the password. */
export function databaseUrlProblem(text: string): string | undefined {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(text)?.[1];
  if (!SCHEMES.some((s) => text.toLowerCase().startsWith(s))) {
    return scheme
      ? `must start with postgres:// or postgresql:// (it starts with ${scheme.slice(0, 20)}:); for SQLite, leave DATABASE_URL empty and set DATABASE_PATH`
      : "must be a URL starting with postgres:// or postgresql://";
  }
  try {
    // pg reads "user@/db" (no host) as the local server: so does this check.
    new URL(text.replace("@/", "@localhost/"));
  } catch {
    return "is not a well-formed URL (a password with @, :, / or # must be percent-encoded, a port must be a number)";
  }
  return undefined;
}

/** The URL with its password (in the user part or a password= parameter) replaced by ***, for messages. */
export function redactDatabaseUrl(text: string): string {
  const start = text.indexOf("://") + 3;
  const at = text.lastIndexOf("@");
  let shown = text;
  if (start >= 3 && at > start) {
    const colon = text.indexOf(":", start);
    if (colon >= 0 && colon < at) shown = `${text.slice(0, colon + 1)}***${text.slice(at)}`;
  }
  return shown.replace(/([?&]password=)[^&#]*/gi, "$1***");
}
