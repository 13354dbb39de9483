/**
 * Whether a message asks for something, decided at the platform boundary from its text, which is then
 * dropped: only the yes/no is kept. Under `reply.trigger request` (the default) only such a message
 * starts a reply clock; praise, thanks, FYI and announcements never do.
 *
 * A message asks when it contains a question mark (or ¿), or one of the request phrases below. The lists
 * are short on purpose: a missed request can be marked with the tracking reaction, while a false one
 * would warn someone who was asked nothing.
 */
export const REQUEST_PHRASES: Readonly<Record<"en" | "pt" | "nl" | "fr" | "de" | "es", readonly string[]>> = {
  en: [
    "could you",
    "can you",
    "would you",
    "will you",
    "please",
    "let me know",
    "i need you to",
    "any update",
  ],
  pt: ["você pode", "voce pode", "você poderia", "poderia", "pode me", "por favor", "me avisa", "me avise"],
  nl: ["kun je", "kan je", "kunt u", "zou je", "wil je", "alsjeblieft", "alstublieft", "laat me weten"],
  fr: [
    "peux-tu",
    "pourrais-tu",
    "pouvez-vous",
    "pourriez-vous",
    "s'il te plaît",
    "s'il vous plaît",
    "merci de",
  ],
  de: [
    "kannst du",
    "könntest du",
    "können sie",
    "könnten sie",
    "bitte",
    "lass mich wissen",
    "gib mir bescheid",
  ],
  es: ["puedes", "podrías", "podría", "por favor", "avísame", "me dices"],
};

/** Courtesies that contain a request word but ask for nothing: "please welcome Marc", "please note". */
const NOT_REQUESTS = [
  "please welcome",
  "please note",
  "please join me",
  "please join us",
  "bitte beachten",
  "merci de votre",
  "merci de ton",
];

const letter = "\\p{L}\\p{N}";
const asWord = (phrase: string) =>
  new RegExp(`(?<![${letter}])${phrase.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![${letter}])`, "u");
const REQUESTS = Object.values(REQUEST_PHRASES).flat().map(asWord);

/** Links, code and platform markup can hold a "?" that asks nothing: `<https://x.test/?a=1>`, `a?.b`. */
function prose(text: string): string {
  return (
    text
      .replace(/```[\s\S]*?```|`[^`]*`/g, " ")
      // No "<" inside: a text of many "<" would otherwise be scanned to its end from each one (quadratic).
      .replace(/<[^<>\s]*>/g, " ")
      .replace(/\bhttps?:\/\/\S+/gi, " ")
  );
}

const CLASSIFIED_CHARS = 10_000;

/** A question, an explicit request, or neither (praise, thanks, FYI, an announcement). */
export function asksForSomething(text: string): boolean {
  // A request is made in its first lines; the cap keeps a pasted log from costing more than a message.
  let words = prose(text.slice(0, CLASSIFIED_CHARS)).toLowerCase().replace(/’/g, "'");
  if (/[?¿]/.test(words)) return true;
  for (const courtesy of NOT_REQUESTS) words = words.replaceAll(courtesy, " ");
  return REQUESTS.some((phrase) => phrase.test(words));
}
