import type { Store } from '../../data/store.js';
import type { JobRun, TaskSession, Vm } from '../../data/model.js';
import { DAY, emDateTime } from '../../data/time.js';
import { el, links, repeated, type El } from '../repr/tree.js';
import { href } from '../repr/href.js';
import { upTo } from '../../data/timeline.js';
import { freeSpace } from './repository.js';

/**
 * The summary report and its five frames, computed from the model at `now` over the whole
 * history the collections hold, so every count equals what the collections list.
 */

/** The frames: path segment under /reports/summary, link Name, builder. */
export const REPORT_FRAMES: { path: string; name: string; build: (store: Store, now: number) => El }[] = [
  { path: 'overview', name: 'Overview', build: overview },
  { path: 'vms_overview', name: 'VmsOverview', build: vmsOverview },
  { path: 'job_statistics', name: 'JobStatistics', build: jobStatistics },
  { path: 'processed_vms', name: 'ProcessedVms', build: processedVms },
  { path: 'repository', name: 'Repositories', build: repositoryFrame },
];

/** `GET /reports/summary`: only Down links to the frames. */
export function summaryReport(): El {
  return el('SummaryReport', {
    elems: {
      Links: links(
        REPORT_FRAMES.map((f) => ({
          rel: 'Down',
          href: href(`reports/summary/${f.path}`),
          name: f.name,
          type: 'ReportFrame',
        })),
      ),
    },
  });
}

/**
 * EM's built-in report definitions: constant GUIDs, the same in the docs' samples of every
 * version and in a real 9.5U4 capture (BackupJobStatus), so clients may match on them.
 */
const REPORT_DEFINITIONS = {
  ProtectedVms: '8a56d84f-1790-4f54-ab20-2e0bfdefa16b',
  BackupJobStatus: '7962844d-db6c-4d29-8b6e-4e0f7db0785f',
  CapacityPlanning: '62221565-102c-4ec8-851b-d61c03d972d1',
} as const;

/** Relative links into EM's own web reports, as the real frames carry them. */
const reportLink = (name: keyof typeof REPORT_DEFINITIONS) =>
  `Workspace/ViewReport.aspx?definition=${REPORT_DEFINITIONS[name]}&ShowParams=1`;

const running = (r: { creationTime: number; endTime: number }, now: number) => r.creationTime <= now && now < r.endTime;
const finished = (r: { endTime: number }, now: number) => r.endTime <= now;

/** Everything the frames count, gathered once per request. */
function facts(store: Store, now: number) {
  const backupSessions = upTo(store.backupSessions, now);
  const replicaSessions = upTo(store.replicaSessions, now);
  // /backupSessions holds the file share and agent sessions too.
  const runs: { run: JobRun; jobName: string; replica: boolean }[] = [
    ...backupSessions.map((s) => ({ run: s as JobRun, jobName: s.job.name, replica: false })),
    ...replicaSessions.map((s) => ({ run: s as JobRun, jobName: s.job.name, replica: true })),
  ];
  const runningJobs = new Set(runs.filter((r) => running(r.run, now)).map((r) => r.jobName)).size;
  const scheduledReplicaJobs = store.jobs.all().filter((j) => j.jobType === 'Replica').length;
  const scheduledJobs = store.jobs.size + store.nasJobs.size + store.agentBackupJobs.size;
  return { backupSessions, replicaSessions, runs, runningJobs, scheduledJobs, scheduledReplicaJobs };
}

/** Each VM's latest finished task of a primary backup job (not copies). */
function latestBackupStates(store: Store, now: number): Map<Vm, TaskSession> {
  const latest = new Map<Vm, TaskSession>();
  for (const t of upTo(store.backupTaskSessions, now)) {
    if (t.session.job.jobType === 'Backup' && finished(t, now)) latest.set(t.vm, t);
  }
  return latest;
}

function overview(store: Store, now: number): El {
  const f = facts(store, now);
  const states = [...latestBackupStates(store, now).values()];
  const count = (r: string) => states.filter((t) => t.result === r).length;
  return el('OverviewReportFrame', {
    elems: {
      BackupServers: store.backupServers.size,
      // Each backup server is its own (default) backup proxy; no other proxies are simulated.
      ProxyServers: store.backupServers.size,
      RepositoryServers: store.repositories.size,
      RunningJobs: f.runningJobs,
      ScheduledJobs: f.scheduledJobs,
      SuccessfulVmLastestStates: count('Success'),
      WarningVmLastestStates: count('Warning'),
      FailedVmLastestStates: count('Failed'),
    },
  });
}

function vmsOverview(store: Store, now: number): El {
  const protectedVms = new Set(store.jobs.all().flatMap((j) => j.vms));
  const points = upTo(store.vmRestorePoints, now);
  const backedUp = new Set(points.map((p) => p.vm));
  const replicated = new Set(
    upTo(store.replicaTaskSessions, now)
      .filter((t) => finished(t, now) && t.result !== 'Failed')
      .map((t) => t.vm),
  );
  const files = upTo(store.backupFiles, now);
  const sizeOf = (type: 'vbk' | 'vib') =>
    files.filter((f) => f.fileType === type).reduce((s, f) => s + f.backupSize, 0);
  const states = [...latestBackupStates(store, now).values()];
  const sum = (vms: Iterable<Vm>) => [...vms].reduce((s, vm) => s + vm.sizeBytes, 0);
  return el('VmsOverviewReportFrame', {
    elems: {
      ProtectedVms: protectedVms.size,
      BackedUpVms: backedUp.size,
      ReplicatedVms: replicated.size,
      RestorePoints: points.length,
      FullBackupPointsSize: sizeOf('vbk'),
      IncrementalBackupPointsSize: sizeOf('vib'),
      // One replica per replicated VM, as large as the VM.
      ReplicaRestorePointsSize: sum(replicated),
      SourceVmsSize: sum(protectedVms),
      SuccessBackupPercents:
        states.length === 0
          ? 0
          : Math.round((100 * states.filter((t) => t.result === 'Success').length) / states.length),
      ProtectedVmsReportLink: reportLink('ProtectedVms'),
    },
  });
}

function jobStatistics(store: Store, now: number): El {
  const f = facts(store, now);
  const done = f.runs.filter((r) => finished(r.run, now));
  const count = (result: string) => done.filter((r) => r.run.result === result).length;
  const longest = (replica: boolean | undefined) => {
    let best: { seconds: number; name: string } = { seconds: 0, name: '' };
    for (const r of done) {
      if (replica !== undefined && r.replica !== replica) continue;
      const seconds = Math.round((r.run.endTime - r.run.creationTime) / 1000);
      if (seconds > best.seconds) best = { seconds, name: r.jobName };
    }
    return best;
  };
  const backup = longest(false);
  const replica = longest(true);
  return el('JobStatisticsReportFrame', {
    elems: {
      RunningJobs: f.runningJobs,
      ScheduledJobs: f.scheduledJobs,
      ScheduledBackupJobs: f.scheduledJobs - f.scheduledReplicaJobs,
      ScheduledReplicaJobs: f.scheduledReplicaJobs,
      TotalJobRuns: f.runs.length,
      SuccessfulJobRuns: count('Success'),
      WarningsJobRuns: count('Warning'),
      FailedJobRuns: count('Failed'),
      MaxJobDuration: longest(undefined).seconds,
      MaxBackupJobDuration: backup.seconds,
      MaxReplicaJobDuration: replica.seconds,
      MaxDurationBackupJobName: backup.name,
      MaxDurationReplicaJobName: replica.name,
      BackupJobStatusReportLink: reportLink('BackupJobStatus'),
    },
  });
}

/** The last seven UTC days, newest first as EM lists them: VMs backed up and replicated (not failed) each day. */
function processedVms(store: Store, now: number): El {
  const today = Math.floor(now / DAY) * DAY;
  const days = [];
  for (let d = today; d >= today - 6 * DAY; d -= DAY) {
    const vmsOn = (tasks: readonly TaskSession[]) =>
      new Set(
        tasks
          .filter((t) => t.endTime >= d && t.endTime < d + DAY && finished(t, now) && t.result !== 'Failed')
          .map((t) => t.vm),
      ).size;
    const range = (c: Store['backupTaskSessions']) => c.between(d - DAY, Math.min(d + DAY, now));
    days.push(
      el('Day', {
        attrs: {
          Timestamp: emDateTime(d),
          ReplicatedVms: vmsOn(range(store.replicaTaskSessions)),
          BackupedVms: vmsOn(range(store.backupTaskSessions)),
        },
      }),
    );
  }
  return el('ProcessedVmsReportFrame', { elems: { Days: repeated('Days', days) } });
}

function repositoryFrame(store: Store): El {
  return el('RepositoryReportFrame', {
    elems: {
      Periods: repeated(
        'Periods',
        store.repositories.all().map((r) =>
          el('Period', {
            elems: { Name: r.name, Capacity: r.capacity, FreeSpace: freeSpace(r), BackupSize: r.backupSize },
          }),
        ),
      ),
    },
    attrs: { CapacityPlanningReportLink: reportLink('CapacityPlanning') },
  });
}
