import { describe, expect, it } from "vitest";
import { createBotHarness } from "../helpers/bot-harness.js";
import { sampleProgramme } from "../helpers/programme.js";

/** The sample programme and Cora, a colleague with no part in any internship (Olga also supervises Piet). */
function programme() {
  const p = sampleProgramme();
  p.people.push({
    key: "cora",
    name: "Cora Janssens",
    timezone: "Europe/Brussels",
    country: "BE",
    contactHours: "Mon-Fri 09:00-17:00",
  });
  p.colleagues = ["olga", "cora"];
  return p;
}

describe("a colleague asking about an internship", () => {
  it("hears who sees outcomes and whom to ask, not that they should be added to an internship", async () => {
    const h = await createBotHarness({ programme: programme() });
    const answer = await h.say("cora", "outcomes");
    expect(answer).not.toContain("not part of any internship");
    expect(answer).toContain("You take part in Tandem as a colleague");
    expect(answer).toContain("shared only with its intern, supervisor, backup and coordinator");
    expect(answer).toContain("ask them or their supervisor");
    // Nothing about any internship: no intern, supervisor or outcome named.
    for (const word of ["Ana", "Bram", "market"]) expect(answer).not.toContain(word);
  });

  it("names no one but the intern they named, and says whom to ask", async () => {
    const h = await createBotHarness({ programme: programme() });
    expect(await h.say("cora", "outcomes for @ana")).toBe(
      "You are not part of Ana Souza's internship, so you cannot see or change it. To learn what Ana Souza is working on or towards, ask them or their supervisor.",
    );
  });

  it("keeps the usual answers for someone who is neither in an internship nor a colleague", async () => {
    const p = programme();
    p.colleagues = ["olga"];
    const h = await createBotHarness({ programme: p });
    expect(await h.say("cora", "outcomes")).toBe(
      "You are not part of any internship yet. Ask your coordinator to add you to the programme file.",
    );
    // Olga supervises Piet: naming Ana is refused as for anyone in another internship.
    expect(await h.say("olga", "outcomes for @ana")).toBe(
      "You are not part of Ana Souza's internship, so you cannot see or change it.",
    );
  });
});
