import type { Collection } from './collection.js';
import { memoized } from './derived.js';

type Run = { id: string; creationTime: number; job: { id: string } };

/** A session collection's runs grouped by job, kept until the collection changes. */
const byJobOf = memoized(
  (runs: Collection<Run>) => {
    const byJob = new Map<string, Run[]>();
    for (const run of runs.all()) {
      const list = byJob.get(run.job.id);
      if (list) list.push(run);
      else byJob.set(run.job.id, [run]);
    }
    return byJob;
  },
  (runs) => [runs],
);

/**
 * A job's runs in one of the store's session collections that exist at `now`, oldest first.
 * Scanning the whole collection for one job cost milliseconds per request on a large estate; the
 * grouping is built once per change of the collection instead (a clock move keeps it).
 */
export function runsOfJob<T extends Run>(runs: Collection<T>, jobId: string, now: number): T[] {
  const own = (byJobOf(runs as unknown as Collection<Run>).get(jobId) ?? []) as T[];
  let end = own.length;
  while (end > 0 && own[end - 1]!.creationTime > now) end--;
  return own.slice(0, end);
}
