/**
 * What the Bot Connector refuses in an activity's Adaptive Cards, so a test cannot pass on a card Teams
 * would reject: the card type, versions above what Teams renders (1.5), a body that is not a list, and
 * actions without a type (at the top level and in ActionSets).
 */

const ADAPTIVE_CARD = "application/vnd.microsoft.card.adaptive";
const MAX_VERSION = [1, 5] as const;

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function versionProblem(version: unknown): string | undefined {
  const match = typeof version === "string" ? /^(\d+)\.(\d+)$/.exec(version) : null;
  if (!match) return `version ${JSON.stringify(version)} is not like "1.5"`;
  const [major, minor] = [Number(match[1]), Number(match[2])];
  const above = major > MAX_VERSION[0] || (major === MAX_VERSION[0] && minor > MAX_VERSION[1]);
  return above ? `version ${version} is above 1.5, the highest Teams renders` : undefined;
}

function actionsProblem(actions: unknown, where: string): string | undefined {
  if (actions === undefined) return undefined;
  if (!Array.isArray(actions)) return `${where} is not an array`;
  const untyped = actions.findIndex((a) => !isObject(a) || typeof a.type !== "string" || a.type === "");
  return untyped >= 0 ? `${where}[${untyped}] has no type` : undefined;
}

function cardProblem(card: unknown): string | undefined {
  if (!isObject(card) || card.type !== "AdaptiveCard") return 'the card\'s type is not "AdaptiveCard"';
  const version = versionProblem(card.version);
  if (version) return version;
  if (card.body !== undefined && !Array.isArray(card.body)) return "the card's body is not an array";
  const body = (card.body ?? []) as unknown[];
  for (const [i, element] of body.entries()) {
    if (isObject(element) && element.type === "ActionSet") {
      const problem = actionsProblem(element.actions, `body[${i}].actions`);
      if (problem) return problem;
    }
  }
  return actionsProblem(card.actions, "actions");
}

/** Why the connector would refuse this activity's Adaptive Card attachments, or undefined when it would not. */
export function adaptiveCardProblem(activity: Json): string | undefined {
  const attachments = Array.isArray(activity.attachments) ? activity.attachments : [];
  for (const [i, attachment] of attachments.entries()) {
    if (!isObject(attachment) || attachment.contentType !== ADAPTIVE_CARD) continue;
    const problem = cardProblem(attachment.content);
    if (problem) return `attachments[${i}]: ${problem}`;
  }
  return undefined;
}
