/** The fixed choices some agreement terms take. */
export const SYNC_CADENCES = ["daily", "weekly", "biweekly", "monthly", "none"] as const;
export type SyncCadence = (typeof SYNC_CADENCES)[number];
export const SUMMARY_MODES = ["daily", "each"] as const;
export type SummaryMode = (typeof SUMMARY_MODES)[number];
export const REPLY_PLACES = ["both", "thread"] as const;
export type ReplyPlace = (typeof REPLY_PLACES)[number];
/** What starts a reply clock: a message that asks for something, or every mention (see reply-clock.ts). */
export const REPLY_TRIGGERS = ["request", "mention"] as const;
export type ReplyTrigger = (typeof REPLY_TRIGGERS)[number];
