/** Replies that belong to no one feature: who the speaker is, and which internship a command is about. */

export const generalCopy = {
  unknownPerson: () =>
    'I don\'t know you yet in this workspace. Ask your programme coordinator to add you to the programme file; until then you can type "help".',
  unknownMention: (mention: string) => `I don't know ${mention} in this workspace.`,
  notInTheirInternship: (intern: string) =>
    `You are not part of ${intern}'s internship, so you cannot see or change it.`,
  /** A colleague who names an intern: the refusal, and who can tell them more (nothing about the internship). */
  colleagueNotInTheirInternship: (intern: string) =>
    `You are not part of ${intern}'s internship, so you cannot see or change it. To learn what ${intern} is working on or towards, ask them or their supervisor.`,
  notAnIntern: (name: string) => `${name} is not an intern.`,
  /** A colleague (introductions only) asking about an internship: true for them, unlike "ask to be added". */
  colleagueOnly: () =>
    'You take part in Tandem as a colleague, not in an internship: an internship\'s milestones, check-ins, learning outcomes and evaluations are shared only with its intern, supervisor, backup and coordinator. Type "status" for your introductions; to learn what an intern is working on or towards, ask them or their supervisor.',
  noInternship: () =>
    "You are not part of any internship yet. Ask your coordinator to add you to the programme file.",
  /** `mentions` are "@key"; `example` is the command to show it with, e.g. "intro status". */
  whichIntern: (mentions: readonly string[], example: string) =>
    `You work with several interns (${mentions.join(", ")}); say which one, e.g. ${example} for ${mentions[0]}`,
};
