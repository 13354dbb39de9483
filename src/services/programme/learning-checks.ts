import { criterionKey, evaluationDates } from "../../domain/learning-agreement.js";
import type { ProgrammeInternship } from "./programme-schema.js";

/**
 * The learning agreement and planned milestones of one internship, checked against each other and the
 * internship's dates; each error names its field (`at` is the internship's label).
 */
export function learningErrors(s: ProgrammeInternship, at: string): string[] {
  const errors: string[] = [];
  const learning = s.learning;
  const outcomeKeys = new Set<string>();
  learning?.outcomes.forEach((o, i) => {
    if (outcomeKeys.has(o.key))
      errors.push(
        `${at}.learning.outcomes[${i}].key: "${o.key}" is used twice; every outcome needs its own key`,
      );
    outcomeKeys.add(o.key);
  });
  const criteria = new Map<string, string>();
  learning?.criteria?.forEach((name, i) => {
    const other = criteria.get(criterionKey(name));
    if (other !== undefined)
      errors.push(`${at}.learning.criteria[${i}]: "${name}" is the same criterion as "${other}"`);
    criteria.set(criterionKey(name), name);
  });
  const inside = (date: string) => date >= s.start && date <= s.end;
  const given = learning?.evaluations;
  for (const round of ["midterm", "final"] as const) {
    const date = given?.[round];
    if (date && !inside(date))
      errors.push(
        `${at}.learning.evaluations.${round}: ${date} is outside the internship (${s.start} to ${s.end})`,
      );
  }
  if (given?.midterm || given?.final) {
    const { midterm, final } = evaluationDates(s, given);
    if (midterm >= final)
      errors.push(
        `${at}.learning.evaluations.midterm: the mid-term evaluation (${midterm}) must come before the final one (${final})`,
      );
  }
  const titles = new Map<string, number>();
  s.milestones?.forEach((m, i) => {
    const here = `${at}.milestones[${i}]`;
    const title = m.title.toLowerCase();
    if (titles.has(title))
      errors.push(`${here}.title: "${m.title}" is planned twice; give each milestone its own title`);
    titles.set(title, i);
    if (!inside(m.due))
      errors.push(`${here}.due: ${m.due} is outside the internship (${s.start} to ${s.end})`);
    m.outcomes?.forEach((key, j) => {
      if (outcomeKeys.has(key)) return;
      const known = [...outcomeKeys];
      errors.push(
        `${here}.outcomes[${j}]: "${key}" is not an outcome of this internship; ${known.length ? `its learning.outcomes are ${known.join(", ")}` : "list it under learning.outcomes first"}`,
      );
    });
  });
  return errors;
}
