/** Replies that belong to no one feature: who the speaker is, and which internship a command is about. */

export const generalCopy = {
  unknownPerson: () =>
    'I don\'t know you yet in this workspace. Ask your programme coordinator to add you to the programme file; until then you can type "help".',
  unknownMention: (mention: string) => `I don't know ${mention} in this workspace.`,
  notInTheirInternship: (intern: string) =>
    `You are not part of ${intern}'s internship, so you cannot see or change it.`,
  notAnIntern: (name: string) => `${name} is not an intern.`,
  noInternship: () =>
    "You are not part of any internship yet. Ask your coordinator to add you to the programme file.",
  /** `mentions` are "@key"; `example` is the command to show it with, e.g. "intro status". */
  whichIntern: (mentions: readonly string[], example: string) =>
    `You work with several interns (${mentions.join(", ")}); say which one, e.g. ${example} for ${mentions[0]}`,
};
