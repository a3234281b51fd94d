import { guidFor } from './random.js';
import { DAY, HOUR, MINUTE } from './time.js';
import type { Backup, BackupServer, HierarchyRoot, Job, Platform, Repository, Schedule, Vm } from './model.js';

export const JOB_LABEL: Record<Platform, string> = { VMware: 'vSphere', vCloud: 'Cloud Director', HyperV: 'Hyper-V' };
const REPLICA_PERIOD = 6 * HOUR;

/** The repositories one backup server writes to. */
export interface ServerRepositories {
  /** vSphere backups. */
  volume: Repository;
  /** Hyper-V and Cloud Director backups, NAS backups. */
  defaultRepo: Repository;
  /** Backup copies. */
  copy: Repository;
}

const mod = (a: number, m: number) => ((a % m) + m) % m;

/**
 * A job that is scheduled to have started shortly before `now`, so the newest run of it is still
 * going when the clock starts: monitoring clients must see running sessions.
 */
function runningAt(now: number, periodMs: number, minutesBefore: number): Schedule {
  return { periodMs, offsetMs: mod(now - minutesBefore * MINUTE, periodMs) };
}

function backupFor(seed: number, job: Job, repository: Repository): Backup {
  return {
    id: guidFor(seed, 'Backup', job.id),
    name: job.name,
    job,
    repository,
    backupServer: job.backupServer,
    platform: job.platform,
  };
}

/**
 * Per backup server: one nightly backup job per platform, a backup copy of the vSphere job, and
 * two replication jobs (vSphere, Hyper-V) of a few VMs every six hours.
 */
export function jobsOf(
  seed: number,
  server: BackupServer,
  serverIndex: number,
  roots: readonly { root: HierarchyRoot; vms: Vm[] }[],
  repos: ServerRepositories,
  now: number,
): Job[] {
  const n = serverIndex + 1;
  const jobs: Job[] = [];
  const make = (key: string, fields: Omit<Job, 'id' | 'backupServer' | 'backup'>, repository?: Repository): Job => {
    const job: Job = {
      id: guidFor(seed, 'Job', `${serverIndex}/${key}`),
      backupServer: server,
      backup: undefined,
      ...fields,
    };
    if (repository) job.backup = backupFor(seed, job, repository);
    jobs.push(job);
    return job;
  };
  roots.forEach(({ root, vms }, pi) => {
    // A second root of the same platform (possible in a dataset file) gets its own job key.
    const twin = roots.slice(0, pi).filter((r) => r.root.platform === root.platform).length;
    make(
      `Backup/${root.platform}${twin > 0 ? `/${twin}` : ''}`,
      {
        name: `${JOB_LABEL[root.platform]} Backup ${n}${twin > 0 ? `-${twin + 1}` : ''}`,
        jobType: 'Backup',
        platform: root.platform,
        description: `Nightly backup of the ${JOB_LABEL[root.platform]} VMs on ${root.name}`,
        vms,
        schedule: { periodMs: DAY, offsetMs: 20 * HOUR + pi * 40 * MINUTE + serverIndex * 10 * MINUTE },
      },
      root.platform === 'VMware' ? repos.volume : repos.defaultRepo,
    );
  });
  const byPlatform = (p: Platform) => roots.filter((r) => r.root.platform === p).flatMap((r) => r.vms);
  const vSphere = byPlatform('VMware');
  const hyperV = byPlatform('HyperV');
  const vSphereBackup = jobs.find((j) => j.platform === 'VMware');
  // Copy and replication jobs exist where there is something of their platform to protect.
  if (vSphere.length > 0) {
    make(
      'BackupCopy/VMware',
      {
        name: `vSphere Backup Copy ${n}`,
        jobType: 'BackupCopy',
        platform: 'VMware',
        description: `Off-site copy of vSphere Backup ${n}`,
        vms: vSphere,
        schedule: runningAt(now, DAY, 20 + serverIndex * 7),
        source: vSphereBackup,
      },
      repos.copy,
    );
    make('Replica/VMware', {
      name: `vSphere Replication ${n}`,
      jobType: 'Replica',
      platform: 'VMware',
      description: `Replicas of the critical vSphere VMs of site ${n}`,
      vms: vSphere.slice(0, 3),
      schedule: runningAt(now, REPLICA_PERIOD, 4 + serverIndex * 2),
    });
  }
  if (hyperV.length > 0) {
    make('Replica/HyperV', {
      name: `Hyper-V Replication ${n}`,
      jobType: 'Replica',
      platform: 'HyperV',
      description: `Replicas of the critical Hyper-V VMs of site ${n}`,
      vms: hyperV.slice(0, 2),
      schedule: { periodMs: REPLICA_PERIOD, offsetMs: 3 * HOUR + serverIndex * 15 * MINUTE },
    });
  }
  return jobs;
}

/** Start times of a schedule in [from, to], oldest first. */
export function runTimes(schedule: Schedule, from: number, to: number): number[] {
  const times: number[] = [];
  let t = Math.floor(from / schedule.periodMs) * schedule.periodMs + schedule.offsetMs;
  if (t < from) t += schedule.periodMs;
  for (; t <= to; t += schedule.periodMs) times.push(t);
  return times;
}

/** The next scheduled start after `now`. */
export function nextRun(schedule: Schedule, now: number): number {
  const t = Math.floor(now / schedule.periodMs) * schedule.periodMs + schedule.offsetMs;
  return t > now ? t : t + schedule.periodMs;
}
