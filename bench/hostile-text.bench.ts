/**
 * Hostile texts: how long the request classifier takes on huge texts full of markup delimiters (a
 * quadratic regular expression once took 80 s on the first). Tests only check these texts are read to
 * the end, under their timeout; the figures live here.
 *
 *   node --import tsx bench/hostile-text.bench.ts
 */
import { asksForSomething } from "../src/domain/request-words.js";
import { HOSTILE_TEXTS } from "../test/helpers/hard-text.js";

const RUNS = 5;

console.log("text (first 12 chars)   length    best ms  worst ms");
for (const text of HOSTILE_TEXTS) {
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    asksForSomething(text);
    times.push(performance.now() - started);
  }
  const label = JSON.stringify(text.slice(0, 12)).padEnd(22);
  console.log(
    `${label} ${String(text.length).padStart(8)} ${Math.min(...times)
      .toFixed(1)
      .padStart(10)} ${Math.max(...times)
      .toFixed(1)
      .padStart(9)}`,
  );
}
