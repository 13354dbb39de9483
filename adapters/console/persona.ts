/** Someone the playground can speak as, or mention. */
export interface Persona {
  key: string;
  name: string;
  timezone: string;
  roles: string[];
}

/** Lower case without accents, so "@chloe" finds Chloé. */
const fold = (text: string) => text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();

/** Finds a person by key, full name or first name (case- and accent-insensitive, a leading @ allowed). */
export function findPersona(people: Persona[], text: string): Persona | undefined {
  const wanted = fold(text.trim().replace(/^@/, ""));
  if (!wanted) return undefined;
  return (
    people.find((p) => fold(p.key) === wanted) ??
    people.find((p) => fold(p.name) === wanted || fold(p.name.split(" ")[0] ?? "") === wanted)
  );
}
