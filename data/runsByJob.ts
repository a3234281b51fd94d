import type { Collection } from './collection.js';

type Run = { id: string; creationTime: number; job: { id: string } };

interface Index {
  version: number;
  byJob: Map<string, Run[]>;
}

/** Per session collection, its runs grouped by job, valid for one version of the collection. */
const indexes = new WeakMap<Collection<Run>, Index>();

/**
 * A job's runs in one of the store's session collections that exist at `now`, oldest first.
 * Scanning the whole collection for one job cost milliseconds per request on a large estate; the
 * grouping is built once per change of the collection instead (a clock move keeps it).
 */
export function runsOfJob<T extends Run>(runs: Collection<T>, jobId: string, now: number): T[] {
  const key = runs as unknown as Collection<Run>;
  let index = indexes.get(key);
  if (index?.version !== runs.version) {
    const byJob = new Map<string, Run[]>();
    for (const run of runs.all()) {
      const list = byJob.get(run.job.id);
      if (list) list.push(run);
      else byJob.set(run.job.id, [run]);
    }
    index = { version: runs.version, byJob };
    indexes.set(key, index);
  }
  const own = (index.byJob.get(jobId) ?? []) as T[];
  let end = own.length;
  while (end > 0 && own[end - 1]!.creationTime > now) end--;
  return own.slice(0, end);
}
