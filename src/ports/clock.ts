/** The only way services learn the time; tests and the playground pass their own. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stands still until moved: for tests, `tandem tick --at` and the playground. */
export interface SettableClock extends Clock {
  set(at: Date): void;
  advance(ms: number): void;
}

export function createSettableClock(start: Date): SettableClock {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    set: (at) => {
      current = at.getTime();
    },
    advance: (ms) => {
      current += ms;
    },
  };
}

/** Real time shifted by an offset: the playground's clock keeps running after `/time`. */
export function createOffsetClock(base: Clock = systemClock): SettableClock {
  let offset = 0;
  return {
    now: () => new Date(base.now().getTime() + offset),
    set: (at) => {
      offset = at.getTime() - base.now().getTime();
    },
    advance: (ms) => {
      offset += ms;
    },
  };
}
