/**
 * Slack refuses a message whose `action_id`s repeat within a block (`invalid_blocks`), and a merged
 * message can hold several "Accept" buttons for different milestones. A repeated action gets a
 * `#n` suffix on the way out; the way in drops it, so the core sees the same action either way
 * (the button's value tells the items apart).
 */
const SUFFIX = /#\d+$/;

/** Hands out action ids unique within one message: the first keeps its name, repeats are numbered. */
export function createActionIds(): (action: string) => string {
  const used = new Set<string>();
  return (action) => {
    let id = action;
    for (let n = 2; used.has(id); n += 1) id = `${action}#${n}`;
    used.add(id);
    return id;
  };
}

/** The core's action behind a rendered action id. */
export function actionOf(actionId: string): string {
  return actionId.replace(SUFFIX, "");
}
