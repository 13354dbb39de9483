import { z } from "zod";

/** A calendar day in the programme file, `2026-12-01`, quoted or not. */
export const isoDate = z.union([z.string(), z.date()]).transform((value, ctx) => {
  // YAML reads an unquoted 2026-12-01 as a Date; both forms mean the same calendar day.
  const text = value instanceof Date ? value.toISOString().slice(0, 10) : value.trim();
  if (
    !/^\d{4}-\d{2}-\d{2}$/.test(text) ||
    Number.isNaN(Date.parse(`${text}T00:00:00Z`)) ||
    new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10) !== text
  ) {
    ctx.addIssue({ code: "custom", message: `"${String(text)}" is not a date; write it like 2026-12-01` });
    return z.NEVER;
  }
  return text;
});
