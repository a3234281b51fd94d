import t from 'tap';
import { Deferred, runInBackground, type Steps } from '../data/steps.js';

function* counting(log: string[], n: number): Steps<number> {
  for (let i = 0; i < n; i++) {
    log.push(`step ${i}`);
    yield;
  }
  log.push('end');
  return n;
}

t.test('deferred steps run once, partly beforehand and the rest when needed', async (t) => {
  const log: string[] = [];
  const work = new Deferred(counting(log, 3));
  t.same(log, [], 'nothing runs until asked');
  const early = work.finish();
  early.next();
  t.same(log, ['step 0'], 'a step at a time');
  t.notOk(work.done);
  t.equal(work.get(), 3, 'get runs what is left straight through');
  t.same(log, ['step 0', 'step 1', 'step 2', 'end']);
  t.ok(work.done);
  t.same(early.next(), { done: true, value: 3 }, 'the earlier run then ends without running a step again');
  t.equal(work.get(), 3);
  t.equal(log.length, 4, 'ran once');
});

t.test('background steps start on a later turn and stop when told', async (t) => {
  const log: string[] = [];
  const stop = new AbortController();
  function* steps(): Steps<void> {
    for (let i = 0; ; i++) {
      log.push(`step ${i}`);
      if (i === 2) stop.abort();
      yield;
    }
  }
  const run = runInBackground(steps(), stop.signal);
  t.same(log, [], 'not in the caller’s turn');
  await run;
  t.same(log, ['step 0', 'step 1', 'step 2'], 'no step after the abort');
  const all: string[] = [];
  await runInBackground(
    (function* () {
      yield* counting(all, 2);
    })(),
    new AbortController().signal,
  );
  t.same(all, ['step 0', 'step 1', 'end'], 'or until the steps end');
});
