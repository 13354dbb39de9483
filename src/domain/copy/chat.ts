/** What Tandem says to a direct message that is neither a command nor a check-in answer. */

export const chatCopy = {
  /** The at-most-daily hint; a check-in open today is worth mentioning, anything else is "help". */
  hint: (checkinOpen: boolean) =>
    checkinOpen
      ? 'I am a bot and read direct messages only for commands and check-ins. To answer today\'s check-in, press Answer or start with "done:", e.g. "done: ... / next: ... / connected: 4".'
      : 'I am a bot and read direct messages only for commands and check-ins; type "help" to see what I can do.',
  /** Chat that is close to a command: the likely command, never an error. */
  didYouMean: (guess: string) =>
    `If that was meant as a command: did you mean "${guess}"? Type "help" for all commands.`,
  /** Chat that starts with a command word: how to use that command, in one line. */
  commandWord: (word: string) =>
    `If that was meant as the "${word}" command, type "help ${word}" to see how it is used.`,
  buttonGone: () => 'That button is no longer supported; type "help" to see what you can do.',
  failed: () =>
    "Sorry, something went wrong on my side and nothing was changed. Please try again in a minute.",
};
