import type { JobRun } from '../../data/model.js';
import { uid } from '../../data/model.js';
import { emDateTime } from '../../data/time.js';
import type { Layer } from '../repr/tree.js';
import { restoreSessionView } from '../../data/timeline.js';

/**
 * `JobSessionEntityType`'s own members, shared by backup, replica and NAS job sessions:
 * JobUid, JobName, JobType, CreationTimeUTC, EndTimeUTC (absent while running), State, Result,
 * Progress, FailureMessage (never set by the mock: `null` in JSON, as a live EM 12 writes it).
 * The derived types add IsRetry after them.
 */
export function jobSessionLayers(
  run: JobRun,
  job: { id: string; name: string },
  jobType: string,
  now: number,
): Layer[] {
  const v = restoreSessionView(run, now);
  return [
    {
      elems: {
        JobUid: uid('Job', job.id),
        JobName: job.name,
        JobType: jobType,
        CreationTimeUTC: emDateTime(run.creationTime),
        EndTimeUTC: v.endTime === undefined ? undefined : emDateTime(v.endTime),
        State: v.state,
        Result: v.result,
        Progress: v.progress,
        FailureMessage: null,
      },
    },
    { elems: { IsRetry: run.isRetry } },
  ];
}
