import {
  adaptiveCardAction,
  type Common,
  channelMessage,
  messageReaction,
  personalInstall,
  personalMessage,
  submitMessage,
} from "../fakes/teams-activities.js";
import { TEAMS_HOME, teamsSample } from "./programmes.js";
import {
  expectOutboxSentOnce,
  fourTimes,
  local,
  milestoneId,
  milestoneStatus,
  type RedeliveryReport,
} from "./redelivery.scenario.js";
import { startReliableService } from "./service.js";

const NAMES: Record<string, string> = { ana: "Ana Souza", bram: "Bram Peeters", chloe: "Chloé Martin" };

export async function teamsRedelivery(rounds: number): Promise<RedeliveryReport> {
  const s = await startReliableService({
    programmes: [teamsSample("tenant-1")],
    platforms: ["teams"],
    logLevel: "debug",
  });
  const report: RedeliveryReport = { deliveries: 0, effects: 0, kinds: [] };
  const calls = () => s.connector.calls.length;
  const workspace = await s.workspace("teams", "tenant-1");
  const internship = (await s.peek.internships.byKey(workspace.id, "ana-2026"))!;
  const clocks = async () => await s.peek.replyClocks.since(internship.id, new Date(0));
  const as = (key: string): Common => ({
    serviceUrl: s.connector.url,
    tenant: "tenant-1",
    from: { aad: `aad-${key}`, name: NAMES[key] ?? key },
    timestamp: s.clock.now(),
  });
  const send = (activity: unknown) => () => s.activity(activity);
  try {
    s.clock.set(local("2026-11-30T17:00"));
    for (const key of ["ana", "bram", "chloe", "lena", "ben", "olga", "piet"])
      await s.activity(personalInstall(as(key)));
    await s.tickAt(local("2026-12-01T09:30"));
    s.clock.set(local("2026-12-01T09:45"));
    const answer = submitMessage({
      ...as("ana"),
      action: "checkin.answer",
      value: "2026-12-01",
      inputs: { progress: "survey draft", connectedness: "4" },
    });
    const answered = async () =>
      (await s.peek.checkins.get(internship.id, "2026-12-01"))?.answeredAt !== undefined;
    await fourTimes(s, "check-in card submitted", send(answer), calls, answered, report);

    for (let round = 0; round < rounds; round++) {
      s.clock.set(new Date(local("2026-12-01T10:00").getTime() + round * 60_000));
      const question = channelMessage({ ...as("ana"), channel: TEAMS_HOME, text: `Question ${round}?` });
      const id = question.id;
      const activities: [string, unknown, () => boolean | Promise<boolean>][] = [
        ["channel question", question, async () => (await clocks()).some((c) => c.messageRef === id)],
        [
          "like on the question",
          messageReaction({ ...as("bram"), channel: TEAMS_HOME, replyToId: id }),
          async () => (await clocks()).some((c) => c.messageRef === id && c.closeReason === "reaction"),
        ],
        [
          "@Tandem command in a channel",
          channelMessage({
            ...as("ana"),
            channel: TEAMS_HOME,
            atBot: true,
            text: `milestone add "Teams ${round}" due 2026-12-20`,
          }),
          () => milestoneId(s, `Teams ${round}`) !== undefined,
        ],
      ];
      for (const [what, activity, settled] of activities)
        await fourTimes(s, what, send(activity), calls, settled, report);
      const milestone = milestoneId(s, `Teams ${round}`)!;
      await fourTimes(
        s,
        "command in the personal chat",
        send(personalMessage({ ...as("ana"), text: `milestone done ${milestone}` })),
        calls,
        () => milestoneStatus(s, milestone) === "done",
        report,
      );
      await fourTimes(
        s,
        "Action.Submit",
        send(submitMessage({ ...as("bram"), action: "milestone.accept", value: String(milestone) })),
        calls,
        // The button asks how the result will be used before anything is accepted.
        () =>
          milestoneStatus(s, milestone) === "done" &&
          JSON.stringify(s.connector.activities().at(-1)?.activity).includes("How will you use this result?"),
        report,
      );
      await fourTimes(
        s,
        "Action.Execute invoke",
        send(
          adaptiveCardAction({
            ...as("bram"),
            verb: "milestone.accept",
            data: { tandemValue: String(milestone), feedback: "Q1 deck" },
          }),
        ),
        calls,
        () => milestoneStatus(s, milestone) === "accepted",
        report,
      );
    }
    await expectOutboxSentOnce(s, () => s.connector.activities().length);
    report.state = s.state();
    return report;
  } finally {
    await s.stop();
  }
}
