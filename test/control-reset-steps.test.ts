import t from 'tap';
import { build } from './helper.js';
import { control, json } from './controlHelper.js';
import { generate, generateSteps } from '../data/generate.js';
import { runNow } from '../data/steps.js';
import { CLOCK_START } from './helper.js';

// A reset that generates a new estate pauses between jobs (issue 13: no request may hold the
// event loop): requests that arrive meanwhile are answered, against the dataset as it was.

t.test('requests are answered while a reset generates a new estate; the swap comes at the end', async (t) => {
  const { app } = await build();
  t.teardown(() => app.close());
  // Over a real socket: each request arrives as I/O, as a client's would.
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  const ask = async (path: string, init: RequestInit = {}) => {
    const res = await fetch(`${base}${path}`, init);
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  let resetDone = false;
  const reset = ask('/__mock/reset', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{"seed":5}',
  }).then((res) => {
    resetDone = true;
    return res;
  });
  const during: number[] = [];
  for (let n = 0; !resetDone && n < 2000; n++) {
    const ready = await ask('/__mock/ready');
    if (!resetDone) during.push(ready.status);
  }
  t.ok(during.includes(503), `not ready while the dataset is being rebuilt (${during.length} answers meanwhile)`);
  const res = await reset;
  t.same([res.status, res.body.seed], [200, 5]);
  t.same(await ask('/__mock/ready'), { status: 200, body: { ready: true, restoreSessions: 40 } });
});

t.test('resets sent together run one after another; the last one wins', async (t) => {
  const { app } = await build();
  t.teardown(() => app.close());
  const [a, b] = await Promise.all([
    control(app, 'POST', '/__mock/reset', { seed: 7 }),
    control(app, 'POST', '/__mock/reset', { seed: 8, restoreSessions: 3 }),
  ]);
  t.same([a.statusCode, json(a).seed, b.statusCode, json(b).seed], [200, 7, 200, 8]);
  t.same(json(await control(app, 'GET', '/__mock/ready')), { ready: true, restoreSessions: 3 });
  const bad = await control(app, 'POST', '/__mock/reset', { seed: -1 });
  t.equal(bad.statusCode, 400, 'a refused reset is still an error after the queue');
  t.same(json(await control(app, 'GET', '/__mock/ready')), { ready: true, restoreSessions: 3 }, 'and changes nothing');
});

t.test('the steps build the same estate as one straight run', async (t) => {
  const opts = { seed: 3, now: CLOCK_START, restoreSessions: 7 };
  const steps = generateSteps(opts);
  let pauses = 0;
  let r = steps.next();
  while (!r.done) {
    pauses++;
    r = steps.next();
  }
  t.ok(pauses > 10, `it pauses (${pauses} times)`);
  const straight = generate(opts);
  t.same(
    r.value.restoreSessions.all().map((s) => s.id),
    straight.restoreSessions.all().map((s) => s.id),
  );
  t.same(
    runNow(generateSteps(opts))
      .jobs.all()
      .map((j) => j.name),
    straight.jobs.all().map((j) => j.name),
  );
});
