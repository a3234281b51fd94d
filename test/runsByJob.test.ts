import t from 'tap';
import { Collection } from '../data/collection.js';
import { runsOfJob } from '../data/runsByJob.js';

type Run = { id: string; creationTime: number; job: { id: string } };
const run = (id: string, creationTime: number, job: string): Run => ({ id, creationTime, job: { id: job } });
const ids = (runs: Run[]) => runs.map((r) => r.id);

t.test("a job's runs up to now, oldest first, following every change of the collection", async (t) => {
  const runs = new Collection<Run>((r) => r.creationTime);
  runs.addAll([run('a1', 10, 'a'), run('b1', 20, 'b'), run('a2', 30, 'a'), run('a3', 50, 'a')]);
  t.same(ids(runsOfJob(runs, 'a', 40)), ['a1', 'a2'], 'a run not yet created is left out');
  t.same(ids(runsOfJob(runs, 'a', 5)), []);
  t.same(ids(runsOfJob(runs, 'c', 100)), [], 'a job without runs');
  const version = runs.version;
  runs.add(run('a0', 0, 'a'));
  t.ok(runs.version > version, 'an addition moves the version');
  t.same(ids(runsOfJob(runs, 'a', 100)), ['a0', 'a1', 'a2', 'a3']);
  const stopped = { ...runs.get('a2')!, job: { id: 'a' } };
  runs.replace(stopped);
  t.equal(runsOfJob(runs, 'a', 100)[2], stopped, 'a replaced run is the new object');
  runs.remove('a1');
  t.same(ids(runsOfJob(runs, 'a', 100)), ['a0', 'a2', 'a3']);
  t.same(ids(runsOfJob(runs.copy(), 'b', 100)), ['b1'], 'a copy has an index of its own');
});
