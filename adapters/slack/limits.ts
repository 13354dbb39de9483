/**
 * Slack's published limits, in one place. Sources: the Block Kit reference
 * (api.slack.com/reference/block-kit/blocks, .../block-elements, .../composition-objects),
 * the chat.postMessage reference (api.slack.com/methods/chat.postMessage: `msg_too_long`,
 * `msg_blocks_too_long`, `invalid_blocks`) and the views reference (api.slack.com/surfaces/modals).
 * Lengths are characters as JavaScript counts them (UTF-16 code units), which is never fewer than Slack's.
 */
export const SLACK_LIMITS = {
  /** Blocks in one message (Block Kit reference: "maximum of 50 blocks"). */
  messageBlocks: 50,
  /** Blocks in a modal or the App Home tab. */
  viewBlocks: 100,
  /** A section's text (Section block: "Maximum length for the text in this field is 3000 characters"). */
  sectionText: 3000,
  /** A section's fields: at most 10, each at most 2000 characters. */
  sectionFields: 10,
  fieldText: 2000,
  /** Header block text (plain_text only). */
  headerText: 150,
  /** Elements in an actions block, and in a context block. */
  actionsElements: 25,
  contextElements: 10,
  /** A button's text, and its value. */
  buttonText: 75,
  buttonValue: 2000,
  /** An action_id or block_id; an action_id must be unique within its block (else `invalid_blocks`). */
  actionId: 255,
  /** A modal's title, submit and close texts. */
  modalTitle: 24,
  /** An input label, a placeholder, a select option's text, options per select. */
  inputLabel: 2000,
  placeholder: 150,
  optionText: 75,
  optionValue: 150,
  selectOptions: 100,
  /** plain_text_input `max_length` may be at most this. */
  inputMaxLength: 3000,
  /** A view's private_metadata. */
  privateMetadata: 3000,
  /**
   * All text in one message's blocks. Slack refuses too much with `msg_blocks_too_long` and publishes no
   * figure; its maintainers point to about 12,000 characters. Tandem stays well under it.
   */
  messageTextRefused: 12_000,
  messageTextBudget: 9_000,
  /** The top-level `text`: Slack truncates beyond 40,000; Tandem keeps the notification text short. */
  topLevelTextTruncated: 40_000,
  topLevelTextBudget: 3_000,
} as const;
