/**
 * The longest the event loop is held while `POST /__mock/reset` builds a new estate (a new seed,
 * so no pristine copy), against the same reset run straight through (the library's `reset()`),
 * measured in the same run: `npm run bench:reset`.
 */
import { buildApp } from '../src/app.js';
import { defaultConfig } from '../src/config.js';

const app = await buildApp({ config: defaultConfig({ clockStart: Date.parse('2026-11-29T12:00:00Z') }) });
await app.ready();

/** The longest gap between ticks of a 1 ms timer while `run` goes on: how long the loop was held. */
async function longestBlock(run: () => Promise<unknown>): Promise<number> {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 1);
  await new Promise((resolve) => setTimeout(resolve, 5));
  await run();
  // One more tick, so a block that ended the run is counted.
  await new Promise((resolve) => setTimeout(resolve, 5));
  clearInterval(timer);
  return longest;
}

const rows: [string, number, number][] = [];
for (let round = 1; round <= 3; round++) {
  const seed = 100 + round;
  const stepped = await longestBlock(() =>
    app.inject({
      method: 'POST',
      url: '/__mock/reset',
      headers: { 'content-type': 'application/json' },
      payload: `{"seed":${seed}}`,
    }),
  );
  const straight = await longestBlock(async () => app.control.reset({ seed: seed + 50 }));
  rows.push([`round ${round}`, stepped, straight]);
}
console.log('longest event-loop block during a reset to a new seed (ms)');
console.log('round    | HTTP reset (steps) | straight reset | ratio');
for (const [name, a, b] of rows)
  console.log(
    `${name.padEnd(8)} | ${a.toFixed(1).padStart(18)} | ${b.toFixed(1).padStart(14)} | ${(a / b).toFixed(2)}`,
  );
await app.close();
