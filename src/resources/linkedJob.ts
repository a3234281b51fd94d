import { uid, type Job } from '../../data/model.js';
import { guidFor } from '../../data/random.js';
import { el, links, list, type El, type List } from '../repr/tree.js';
import { href } from '../repr/href.js';

/** A backup job a backup copy job copies from, as `/jobs/{id}/linkedJobs` lists it. */
export interface LinkedJob {
  id: string;
  job: Job;
  linked: Job;
}

/** The jobs a backup copy job copies (its source job); its id is the one its JobInfo shows. */
export function linkedJobsOf(job: Job): LinkedJob[] {
  return job.jobType === 'BackupCopy' && job.source
    ? [{ id: guidFor(0, 'LinkedJobObject', job.id), job, linked: job.source }]
    : [];
}

export const linkedJobHref = (o: LinkedJob) => href(`jobs/${o.job.id}/linkedJobs/${o.id}`);

/**
 * `LinkedJobObject` as the docs' `/jobs/{ID}/linkedJobs` sample writes it: Href and Type, Links Up
 * (the copy job's entity, typed `Job`) and Delete (its own Href), then ObjectInJobId and
 * LinkedJobUid. Inside a job's JobInfo it is written bare (no Href, Type or links), as there.
 */
export function linkedJobObject(o: LinkedJob, standalone: boolean): El {
  const members = { elems: { ObjectInJobId: o.id, LinkedJobUid: uid('Job', o.linked.id) } };
  if (!standalone) return el('LinkedJobObject', members);
  const self = linkedJobHref(o);
  return el(
    'LinkedJobObject',
    {
      elems: {
        Links: links([
          { rel: 'Up', href: href(`jobs/${o.job.id}?format=Entity`), name: o.job.name, type: 'Job' },
          { rel: 'Delete', href: self },
        ]),
      },
      attrs: { Href: self, Type: 'LinkedJobObject' },
    },
    members,
  );
}

/**
 * `LinkedJobResourceObjects`. Its JSON key is not in the docs (they show XML only); `LinkedJobObjects`
 * is the key the same items have in the job's `LinkedJobIncludes`.
 */
export const linkedJobList = (items: readonly LinkedJob[]): List =>
  list(
    'LinkedJobResourceObjects',
    'LinkedJobObjects',
    items.map((o) => linkedJobObject(o, true)),
  );

/**
 * `LinkedBackupRepositoryResourceObjects`: the repositories a backup copy job copies from. Every
 * simulated copy job copies from a job, never from a repository, so the list is always empty; its
 * JSON key is the one the job's `LinkedBackupRepositoryIncludes` uses.
 */
export const linkedBackupRepositoryList = (): List =>
  list('LinkedBackupRepositoryResourceObjects', 'LinkedBackupRepositories', []);
