/**
 * A light check of Block Kit payloads against Slack's documented limits, so the fake refuses what
 * Slack would refuse (`invalid_blocks`, `invalid_arguments`, `msg_blocks_too_long`) instead of
 * accepting anything. Returns the first problem as text, or undefined. The figures are written here
 * from Slack's reference on purpose, not imported from the renderer's limits: a renderer that got a
 * limit wrong must not be able to convince its own fake.
 */
type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null;

function textObject(value: unknown, where: string, max: number, plainOnly = false): string | undefined {
  if (!isObject(value)) return `${where}: missing text object`;
  if (value.type !== "plain_text" && (plainOnly || value.type !== "mrkdwn")) {
    return `${where}: must be ${plainOnly ? "plain_text" : "plain_text or mrkdwn"}`;
  }
  if (typeof value.text !== "string" || value.text.length === 0) return `${where}: empty text`;
  if (value.text.length > max) return `${where}: longer than ${max} characters`;
  return undefined;
}

function element(value: unknown, where: string): string | undefined {
  if (!isObject(value)) return `${where}: not an object`;
  if (typeof value.action_id === "string" && value.action_id.length > 255)
    return `${where}: action_id too long`;
  switch (value.type) {
    case "button":
      if (typeof value.value === "string" && value.value.length > 2000) return `${where}: value too long`;
      if (value.style !== undefined && value.style !== "primary" && value.style !== "danger") {
        return `${where}: bad style`;
      }
      return textObject(value.text, `${where}.text`, 75, true);
    case "static_select":
    case "multi_static_select": {
      const options = value.options;
      if (!Array.isArray(options) || options.length === 0 || options.length > 100) {
        return `${where}: 1 to 100 options`;
      }
      const isOption = (chosen: unknown) =>
        options.some((o) => isObject(o) && isObject(chosen) && o.value === chosen.value);
      if (value.initial_option !== undefined && !isOption(value.initial_option)) {
        return `${where}: initial_option must be one of the options`;
      }
      if (value.type === "static_select" && value.initial_options !== undefined)
        return `${where}: initial_options belongs to multi_static_select`;
      if (
        value.initial_options !== undefined &&
        (!Array.isArray(value.initial_options) ||
          value.initial_options.length === 0 ||
          !value.initial_options.every(isOption))
      ) {
        return `${where}: initial_options must be options of the element`;
      }
      if (
        value.max_selected_items !== undefined &&
        (typeof value.max_selected_items !== "number" || value.max_selected_items < 1)
      )
        return `${where}: max_selected_items must be at least 1`;
      for (const [i, option] of options.entries()) {
        if (!isObject(option) || typeof option.value !== "string" || option.value.length > 150) {
          return `${where}.options[${i}]: bad value`;
        }
        const problem = textObject(option.text, `${where}.options[${i}].text`, 75, true);
        if (problem) return problem;
      }
      return undefined;
    }
    case "plain_text_input":
      if (typeof value.max_length === "number" && (value.max_length < 1 || value.max_length > 3000)) {
        return `${where}: max_length must be 1 to 3000`;
      }
      if (
        typeof value.initial_value === "string" &&
        typeof value.max_length === "number" &&
        value.initial_value.length > value.max_length
      ) {
        return `${where}: initial_value longer than max_length`;
      }
      return undefined;
    case "users_select":
      if (value.initial_user !== undefined && !/^[UW][A-Z0-9]+$/.test(String(value.initial_user)))
        return `${where}: initial_user must be a user id`;
      return undefined;
    case "multi_users_select":
      if (
        value.initial_users !== undefined &&
        (!Array.isArray(value.initial_users) ||
          value.initial_users.some((id) => !/^[UW][A-Z0-9]+$/.test(String(id))))
      )
        return `${where}: initial_users must be user ids`;
      return undefined;
    case "conversations_select":
      if (value.initial_conversation !== undefined && value.default_to_current_conversation !== undefined)
        return `${where}: initial_conversation and default_to_current_conversation exclude each other`;
      if (value.filter !== undefined) {
        const include = (value.filter as Json).include;
        const kinds = ["im", "mpim", "private", "public"];
        if (include !== undefined && (!Array.isArray(include) || include.some((k) => !kinds.includes(k))))
          return `${where}: filter.include takes im, mpim, private and public`;
      }
      return undefined;
    case "datepicker":
      if (value.initial_date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(String(value.initial_date)))
        return `${where}: initial_date must be YYYY-MM-DD`;
      return undefined;
    case "mrkdwn":
    case "plain_text":
      return textObject(value, where, 3000);
    default:
      return `${where}: unknown element type ${String(value.type)}`;
  }
}

function block(value: unknown, where: string, surface: "message" | "modal" | "home"): string | undefined {
  if (!isObject(value)) return `${where}: not an object`;
  if (typeof value.block_id === "string" && value.block_id.length > 255) return `${where}: block_id too long`;
  switch (value.type) {
    case "section": {
      if (value.text === undefined && value.fields === undefined) return `${where}: needs text or fields`;
      if (value.text !== undefined) {
        const problem = textObject(value.text, `${where}.text`, 3000);
        if (problem) return problem;
      }
      if (value.fields !== undefined) {
        if (!Array.isArray(value.fields) || value.fields.length > 10) return `${where}: at most 10 fields`;
        for (const [i, field] of value.fields.entries()) {
          const problem = textObject(field, `${where}.fields[${i}]`, 2000);
          if (problem) return problem;
        }
      }
      return undefined;
    }
    case "context":
    case "actions": {
      const max = value.type === "context" ? 10 : 25;
      if (!Array.isArray(value.elements) || value.elements.length === 0 || value.elements.length > max) {
        return `${where}: 1 to ${max} elements`;
      }
      const actionIds = new Set<string>();
      for (const [i, item] of value.elements.entries()) {
        const problem = element(item, `${where}.elements[${i}]`);
        if (problem) return problem;
        // Slack refuses the whole message when an action_id repeats within a block.
        const id = (item as Json).action_id;
        if (typeof id === "string") {
          if (actionIds.has(id)) return `${where}.elements[${i}]: duplicate action_id ${id}`;
          actionIds.add(id);
        }
      }
      return undefined;
    }
    case "header":
      return textObject(value.text, `${where}.text`, 150, true);
    case "divider":
      return undefined;
    case "input":
      if (surface === "home") return `${where}: input blocks belong in modals`;
      return (
        textObject(value.label, `${where}.label`, 2000, true) ??
        (value.hint === undefined ? undefined : textObject(value.hint, `${where}.hint`, 2000, true)) ??
        element(value.element, `${where}.element`)
      );
    default:
      return `${where}: unknown block type ${String(value.type)}`;
  }
}

export function checkBlocks(blocks: unknown, surface: "message" | "modal" | "home"): string | undefined {
  const max = surface === "message" ? 50 : 100;
  if (!Array.isArray(blocks)) return "blocks: must be a JSON array";
  if (blocks.length > max) return `blocks: at most ${max}`;
  const ids = new Set<string>();
  for (const [i, item] of blocks.entries()) {
    const problem = block(item, `blocks[${i}]`, surface);
    if (problem) return problem;
    const id = (item as Json).block_id;
    if (typeof id === "string") {
      if (ids.has(id)) return `blocks[${i}]: duplicate block_id ${id}`;
      ids.add(id);
    }
  }
  return undefined;
}

export function checkView(view: unknown, type: "modal" | "home"): string | undefined {
  if (!isObject(view)) return "view: must be a JSON object";
  if (view.type !== type) return `view.type: must be ${type}`;
  if (typeof view.private_metadata === "string" && view.private_metadata.length > 3000) {
    return "view.private_metadata: longer than 3000 characters";
  }
  if (typeof view.callback_id === "string" && view.callback_id.length > 255)
    return "view.callback_id: too long";
  if (type === "modal") {
    const problem =
      textObject(view.title, "view.title", 24, true) ??
      (view.submit === undefined ? undefined : textObject(view.submit, "view.submit", 24, true)) ??
      (view.close === undefined ? undefined : textObject(view.close, "view.close", 24, true));
    if (problem) return problem;
    const hasInput = Array.isArray(view.blocks) && view.blocks.some((b) => isObject(b) && b.type === "input");
    if (hasInput && view.submit === undefined) return "view.submit: required with input blocks";
  }
  return checkBlocks(view.blocks, type);
}

/** Slack publishes no figure for `msg_blocks_too_long`; its maintainers point to about 12,000 characters. */
export const MESSAGE_TEXT_REFUSED = 12_000;

/** Every text string in a message's blocks (section text and fields, context, buttons, headers). */
export function blocksTextLength(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + blocksTextLength(item), 0);
  if (!isObject(value)) return 0;
  let total = 0;
  for (const [key, item] of Object.entries(value)) {
    if (key === "text" && typeof item === "string") total += item.length;
    else total += blocksTextLength(item);
  }
  return total;
}

/** The error chat.postMessage (and chat.postEphemeral) answers for these blocks, with why, or undefined. */
export function refuseMessageBlocks(blocks: unknown): { error: string; why: string } | undefined {
  if (blocks === undefined) return undefined;
  const problem = checkBlocks(blocks, "message");
  if (problem) return { error: "invalid_blocks", why: problem };
  const length = blocksTextLength(blocks);
  if (length > MESSAGE_TEXT_REFUSED) {
    return { error: "msg_blocks_too_long", why: `blocks carry ${length} characters of text` };
  }
  return undefined;
}
