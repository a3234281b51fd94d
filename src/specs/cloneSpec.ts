import type { FastifyRequest } from 'fastify';
import { EmError } from '../errors.js';
import { readBody } from '../repr/body.js';
import type { Job, JobType } from '../../data/model.js';
import type { Store } from '../../data/store.js';
import type { CloneInfo } from '../../data/jobActions.js';
import { uidMember } from './uidMember.js';

/** EM's limit on a cloned job's name (docs: POST /jobs/{ID}?action=clone). */
const MAX_JOB_NAME = 50;

/** The `JobCloneSpec` member each job type takes, and the member naming its backup folder. */
const CLONE_INFO: Record<JobType, { element: string; folder?: string }> = {
  Backup: { element: 'BackupJobCloneInfo', folder: 'FolderName' },
  BackupCopy: { element: 'BackupCopyJobCloneInfo', folder: 'JobFileName' },
  Replica: { element: 'ReplicaJobCloneInfo' },
};

/** Reads and checks a `JobCloneSpec` for `job`; nothing is changed when it is refused. */
export function readCloneInfo(req: FastifyRequest, job: Job, store: Store): CloneInfo {
  const spec = readBody(req, 'JobCloneSpec');
  const { element, folder } = CLONE_INFO[job.jobType];
  if (!spec.has(element)) {
    throw new EmError(400, `JobCloneSpec.${element} is required to clone the ${job.jobType} job "${job.name}".`);
  }
  const info = spec.object(element);
  const jobName = info.string('JobName', MAX_JOB_NAME);
  const description = info.string('Description', undefined, true);
  const taken = store.jobs
    .all()
    .some((j) => j.backupServer.id === job.backupServer.id && j.name.toLowerCase() === jobName.toLowerCase());
  if (taken)
    throw new EmError(
      400,
      `${info.path}.JobName: a job named ${JSON.stringify(jobName)} already exists on ${job.backupServer.name}.`,
    );
  if (!folder) return { jobName, description, vmSuffix: info.string('VmSuffix') };
  const folderName = info.string(folder);
  const repoId = uidMember(info, 'RepositoryUid', 'Repository');
  const repository = store.repositories.get(repoId);
  if (!repository || repository.backupServer.id !== job.backupServer.id) {
    throw new EmError(400, `${info.path}.RepositoryUid: there is no repository ${repoId} on ${job.backupServer.name}.`);
  }
  return { jobName, description, folderName, repository };
}
