import { hierarchyObjRef, type Job, type Vm } from '../../data/model.js';
import { guidFor } from '../../data/random.js';
import { el, links, list, type El, type List } from '../repr/tree.js';
import { href } from '../repr/href.js';

/** A VM a job processes, as `/jobs/{id}/includes` lists it. */
export interface ObjectInJob {
  id: string;
  job: Job;
  vm: Vm;
}

/** The job's VMs as objects in job; each id derives from the job's (seeded) id and the VM's place. */
export function objectsInJob(job: Job): ObjectInJob[] {
  return job.vms.map((vm, i) => ({ id: guidFor(0, 'ObjectInJob', `${job.id}/${i}`), job, vm }));
}

export const objectInJobHref = (o: ObjectInJob) => href(`jobs/${o.job.id}/includes/${o.id}`);

/**
 * `ObjectInJobType`: Href and Type, then ObjectInJobId, HierarchyObjRef, Name, DisplayName (the
 * members of the docs' BackupJobInfo sample; per-object guest processing options are not
 * simulated). Standing alone (the includes list, `/includes/{id}`) it links Up to its job
 * entity, typed `Job` as the NAS includes sample does; inside a job's JobInfo it has no links.
 */
export function objectInJob(o: ObjectInJob, standalone: boolean): El {
  return el(
    'ObjectInJob',
    {
      elems: {
        Links: standalone
          ? links([{ rel: 'Up', href: href(`jobs/${o.job.id}?format=Entity`), name: o.job.name, type: 'Job' }])
          : undefined,
      },
      attrs: { Href: objectInJobHref(o), Type: 'ObjectInJob' },
    },
    { elems: { ObjectInJobId: o.id, HierarchyObjRef: hierarchyObjRef(o.vm), Name: o.vm.name, DisplayName: o.vm.name } },
  );
}

/** `ObjectsInJob` (or a job's `Includes`); JSON `ObjectInJobs` either way, the key scripts read. */
export function objectInJobList(items: readonly ObjectInJob[], standalone: boolean, name = 'ObjectsInJob'): List {
  return list(
    name,
    'ObjectInJobs',
    items.map((o) => objectInJob(o, standalone)),
  );
}
