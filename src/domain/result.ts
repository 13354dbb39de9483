import { AppError, type ErrorCode } from "./errors.js";

/**
 * The one shape of an expected failure (input people typed wrong, a refused change): a value, never a
 * throw, with the words to show them as `error`. Expected absence is plain `undefined`, not a failure.
 * Anything unexpected (a bug, a broken store, a platform outage) throws AppError (errors.ts).
 */
export type Result<T, E = string> = { ok: true; value: T } | { ok: false; error: E };

export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

export function err<E>(error: E): { ok: false; error: E } {
  return { ok: false, error };
}

/** The value, or the error thrown as AppError: for callers whose input was checked before (or is config). */
export function valueOrThrow<T>(result: Result<T>, code: ErrorCode = "BAD_INPUT"): T {
  if (!result.ok) throw new AppError(code, result.error);
  return result.value;
}
