/** What an erased or expired payload becomes: the row (and its key, for dedupe) stays. */
export const BLANK_PAYLOAD = JSON.stringify({ text: "" });

/** What an erased person's name becomes, in every table that keeps one. */
export const ERASED_NAME = "Erased person";

/** A row of any table, as an export lists it. */
export type PersonDataRow = Record<string, unknown>;

/** JSON columns read back as values, so an export is plain JSON and not JSON inside strings. */
export function parsed(rows: PersonDataRow[], ...columns: string[]): PersonDataRow[] {
  return rows.map((row) => {
    const copy = { ...row };
    for (const c of columns) {
      if (typeof copy[c] === "string") {
        try {
          copy[c] = JSON.parse(copy[c] as string);
        } catch {
          // Left as text.
        }
      }
    }
    return copy;
  });
}
