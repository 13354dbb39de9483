/**
 * A look at an activity before botbuilder and Tandem read it. botbuilder throws on an activity without a
 * type (the server answered 500), and fields of the wrong kind (an object where Teams sends an id) failed
 * the turn halfway: stored conversation references and lookups bind them to SQL. Such an activity is the
 * sender's mistake and is answered 400 at once.
 */
import { err, ok, type Result } from "../../src/domain/result.js";

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Each object and its fields that must be text when present. */
const TEXT_FIELDS: [string | undefined, string[]][] = [
  [undefined, ["type", "id", "name", "text", "replyToId", "serviceUrl", "channelId", "locale", "timestamp"]],
  ["from", ["id", "aadObjectId", "name", "role"]],
  ["recipient", ["id", "name"]],
  ["conversation", ["id", "conversationType", "tenantId", "name"]],
];

/** Whether a body is an activity botbuilder can process, or what is wrong with it in one phrase. */
export function checkActivity(body: unknown): Result<void> {
  const problem = activityProblem(body);
  return problem === undefined ? ok(undefined) : err(problem);
}

function activityProblem(body: unknown): string | undefined {
  if (!isObject(body)) return "the body is not a JSON object";
  if (typeof body.type !== "string" || body.type.trim() === "") return "the activity has no type";
  // Every reply goes to the activity's serviceUrl; without one botbuilder retries into the void for seconds.
  if (typeof body.serviceUrl !== "string" || !/^https?:\/\/[^\s/]+/i.test(body.serviceUrl)) {
    return "the activity has no http(s) serviceUrl";
  }
  for (const [parent, fields] of TEXT_FIELDS) {
    const holder = parent === undefined ? body : body[parent];
    if (holder === undefined || holder === null) continue;
    if (!isObject(holder)) return `${parent} is not an object`;
    for (const field of fields) {
      const value = holder[field];
      if (value !== undefined && value !== null && typeof value !== "string") {
        return `${parent ? `${parent}.` : ""}${field} is not text`;
      }
    }
  }
  const channelData = body.channelData;
  if (channelData !== undefined && channelData !== null) {
    if (!isObject(channelData)) return "channelData is not an object";
    const tenant = channelData.tenant;
    if (
      tenant !== undefined &&
      tenant !== null &&
      (!isObject(tenant) || !["string", "undefined"].includes(typeof tenant.id))
    ) {
      return "channelData.tenant is not an object with a text id";
    }
  }
  for (const list of ["entities", "membersAdded", "membersRemoved", "reactionsAdded", "reactionsRemoved"]) {
    const value = body[list];
    if (value !== undefined && value !== null && !Array.isArray(value)) return `${list} is not a list`;
  }
  return undefined;
}
