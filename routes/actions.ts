import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { addRoute, queryParam } from '../src/routing.js';
import { send } from '../src/repr/send.js';
import { EmError } from '../src/errors.js';
import { jobType } from '../src/resources/job.js';
import { vmRestorePointType } from '../src/resources/vmRestorePoint.js';
import { addTask, type TaskOutcome } from '../data/taskLog.js';
import type { TaskOperation } from '../data/tasks.js';
import type { AgentBackupJob, AgentBackupSession, BackupServer, Job, NasBackupSession, NasJob } from '../data/model.js';
import { cloneJob, deleteJob, failedVms, isRunning, latestSession, startRun, stopSession } from '../data/jobActions.js';
import { startRestore } from '../data/restoreActions.js';
import { taskEntity } from '../src/resources/task.js';
import { find } from './resources.js';
import { readCloneInfo } from '../src/specs/cloneSpec.js';
import { readRestoreSpec } from '../src/specs/restoreSpec.js';
import { readQuickBackupSpec } from '../src/specs/quickBackupSpec.js';
import { backupServerType } from '../src/resources/backupServer.js';
import { nasJobType } from '../src/resources/nasJob.js';
import { nasRuns } from '../data/nasActions.js';
import { agentRuns } from '../data/agentActions.js';
import { toggleSchedule, type PlainJobRuns, type PlainRun } from '../data/runActions.js';
import { agentBackupJobType } from '../src/resources/agentBackupJob.js';

/** `raw` as one of `known` (any case), or a 400 naming the choices. */
function pick<A extends string>(raw: string, what: string, known: readonly A[]): A {
  const action = known.find((a) => a.toLowerCase() === raw.toLowerCase());
  if (!action)
    throw new EmError(
      400,
      `Unknown action ${JSON.stringify(raw.slice(0, 60))} for ${what}: expected one of ${known.join(', ')}.`,
    );
  return action;
}

/** The `action` query parameter, one of `known`. */
function actionOf<A extends string>(req: FastifyRequest, what: string, known: readonly A[]): A {
  const raw = queryParam(req, 'action');
  if (raw === undefined || raw === '')
    throw new EmError(400, `POST to ${what} needs an action query parameter: one of ${known.join(', ')}.`);
  return pick(raw, what, known);
}

/** Records the action's task and answers `202 Accepted` with it. */
function accepted(
  req: FastifyRequest,
  reply: FastifyReply,
  operation: TaskOperation,
  outcome: TaskOutcome,
): FastifyReply {
  const now = req.server.clock.now();
  const task = addTask(req.server.store, req.logon!.userName, operation, now, outcome);
  return send(req, reply, taskEntity(task, now), 202);
}

const ok = (message = 'Ok'): TaskOutcome => ({ success: true, message });
const refused = (message: string): TaskOutcome => ({ success: false, message });
/** The backup server's words for a job action, accepted or refused. */
const triggered = (job: { name: string }, verb: 'start' | 'stop' | 'retry') =>
  ok(`Job "${job.name}" triggered to ${verb}.`);
const alreadyRunning = (job: { name: string }) => refused(`Job "${job.name}" is already running.`);
const notRunning = (job: { name: string }) => refused(`Job "${job.name}" is not running.`);

const JOB_ACTIONS = ['start', 'stop', 'retry', 'clone', 'toggleScheduleEnabled'] as const;

/**
 * What a job action does and how its task ends. A request EM accepts but the backup server
 * refuses (start while running, stop while idle, retry with nothing failed) changes nothing and
 * its task finishes with Success="false" and the reason.
 */
function jobAction(
  app: FastifyInstance,
  req: FastifyRequest,
  job: Job,
  action: (typeof JOB_ACTIONS)[number],
): [TaskOperation, TaskOutcome] {
  const { store } = app;
  const now = app.clock.now();
  const seed = app.config.seed;
  const last = latestSession(store, job);
  const sessionLink = (id: string, name: string) => ({
    path: `${job.jobType === 'Replica' ? 'replicaSessions' : 'backupSessions'}/${id}?format=Entity`,
    type: job.jobType === 'Replica' ? 'ReplicaJobSession' : 'BackupJobSession',
    name,
  });
  switch (action) {
    case 'start': {
      if (isRunning(last, now)) return ['StartJob', alreadyRunning(job)];
      const s = startRun(store, seed, job, now, job.vms, false);
      return ['StartJob', { ...triggered(job, 'start'), related: sessionLink(s.id, s.name) }];
    }
    case 'stop': {
      if (!isRunning(last, now)) return ['StopJob', notRunning(job)];
      stopSession(store, last, now);
      return ['StopJob', triggered(job, 'stop')];
    }
    case 'retry': {
      if (isRunning(last, now)) return ['RetryJob', alreadyRunning(job)];
      const vms = last ? failedVms(last) : [];
      if (vms.length === 0) return ['RetryJob', refused(`Job "${job.name}" has no failed VMs to retry.`)];
      const s = startRun(store, seed, job, now, vms, true);
      return ['RetryJob', { ...triggered(job, 'retry'), related: sessionLink(s.id, s.name) }];
    }
    case 'clone': {
      const info = readCloneInfo(req, job, store);
      const clone = cloneJob(store, seed, job, info);
      return [
        'CloneJob',
        { ...ok(), related: { path: `jobs/${clone.id}?format=Entity`, type: 'Job', name: clone.name } },
      ];
    }
    case 'toggleScheduleEnabled':
      toggleSchedule(store, store.jobs, job);
      return ['UpdateJob', ok()];
  }
}

const PLAIN_JOB_ACTIONS = ['start', 'stop', 'retry', 'toggleScheduleEnabled'] as const;
type PlainJobAction = (typeof PLAIN_JOB_ACTIONS)[number];

/** One kind of job whose runs have no per-VM tasks: its model changes and its tasks' Operations. */
interface PlainJobKind<J extends { id: string; name: string }, S extends PlainRun> {
  runs: PlainJobRuns<J, S>;
  operations: Record<PlainJobAction, TaskOperation>;
  /** The list of its sessions, which a task's Related link goes through. */
  sessions: string;
}

/** The file share job pages' task samples name these Operations (StartNasJob, …; the toggle is UpdateJob). */
const nasKind: PlainJobKind<NasJob, NasBackupSession> = {
  runs: nasRuns,
  operations: { start: 'StartNasJob', stop: 'StopNasJob', retry: 'RetryNasJob', toggleScheduleEnabled: 'UpdateJob' },
  sessions: 'nas/backupSessions',
};

/** The agent job pages' task samples name these Operations. */
const agentKind: PlainJobKind<AgentBackupJob, AgentBackupSession> = {
  runs: agentRuns,
  operations: { start: 'StartJob', stop: 'StopAgentJob', retry: 'RetryAgentJob', toggleScheduleEnabled: 'UpdateJob' },
  sessions: 'agents/backupSessions',
};

/**
 * File share and agent job actions: the same rules as VM jobs, on sessions without per-VM tasks;
 * retry needs the last run to have failed (the agent retry page says so).
 */
function plainJobAction<J extends { id: string; name: string }, S extends PlainRun>(
  app: FastifyInstance,
  kind: PlainJobKind<J, S>,
  job: J,
  action: PlainJobAction,
): [TaskOperation, TaskOutcome] {
  const { store } = app;
  const { runs } = kind;
  const now = app.clock.now();
  const operation = kind.operations[action];
  const last = runs.latest(store, job);
  const running = last !== undefined && last.endTime > now;
  const started = (s: S): TaskOutcome => ({
    ...triggered(job, action === 'retry' ? 'retry' : 'start'),
    related: { path: `${kind.sessions}/${s.id}?format=Entity`, type: 'BackupJobSession', name: s.name },
  });
  switch (action) {
    case 'start':
      if (running) return [operation, alreadyRunning(job)];
      return [operation, started(runs.start(store, app.config.seed, job, now, false))];
    case 'stop':
      if (!running) return [operation, notRunning(job)];
      runs.stop(store, last, now);
      return [operation, triggered(job, 'stop')];
    case 'retry':
      if (running) return [operation, alreadyRunning(job)];
      if (last?.result !== 'Failed') return [operation, refused(`Job "${job.name}" has nothing failed to retry.`)];
      return [operation, started(runs.start(store, app.config.seed, job, now, true))];
    case 'toggleScheduleEnabled':
      runs.toggleSchedule(store, job);
      return [operation, ok()];
  }
}

/**
 * Quick backup of one VM: an incremental run of the backup job that protects it, over that VM
 * alone. A VM no backup job protects, or whose job is running, is refused in the task.
 */
function quickBackup(app: FastifyInstance, req: FastifyRequest, server: BackupServer): TaskOutcome {
  const vm = readQuickBackupSpec(req, server, app.store);
  const now = app.clock.now();
  const job = app.store.jobs.all().find((j) => j.jobType === 'Backup' && j.vms.includes(vm));
  if (!job) return refused(`VM ${vm.name} is not processed by any backup job.`);
  if (isRunning(latestSession(app.store, job), now)) return alreadyRunning(job);
  const s = startRun(app.store, app.config.seed, job, now, [vm], false);
  return { ...ok(), related: { path: `backupSessions/${s.id}?format=Entity`, type: 'BackupJobSession' } };
}

/** Job actions, job deletion, VM restores and quick backup: EM's write half (tasks in routes/tasks.ts). */
export function actionRoutes(app: FastifyInstance): void {
  addRoute(app, {
    method: 'POST',
    url: '/api/jobs/:id',
    handler: (req, reply) => {
      const job = find(app, jobType, (req.params as { id: string }).id);
      const [operation, outcome] = jobAction(app, req, job, actionOf(req, 'a job', JOB_ACTIONS));
      return accepted(req, reply, operation, outcome);
    },
  });

  addRoute(app, {
    method: 'DELETE',
    url: '/api/jobs/:id',
    handler: (req, reply) => {
      const job = find(app, jobType, (req.params as { id: string }).id);
      if (isRunning(latestSession(app.store, job), app.clock.now())) {
        return accepted(req, reply, 'DeleteJob', refused(`Job "${job.name}" is running; stop it before deleting it.`));
      }
      deleteJob(app.store, job);
      return accepted(req, reply, 'DeleteJob', ok());
    },
  });

  addRoute(app, {
    method: 'POST',
    url: '/api/nas/jobs/:id/:action',
    handler: (req, reply) => {
      const { id, action: raw } = req.params as { id: string; action: string };
      const job = find(app, nasJobType, id);
      const [operation, outcome] = plainJobAction(app, nasKind, job, pick(raw, 'a file share job', PLAIN_JOB_ACTIONS));
      return accepted(req, reply, operation, outcome);
    },
  });

  addRoute(app, {
    method: 'POST',
    url: '/api/agents/jobs/:id',
    handler: (req, reply) => {
      const job = find(app, agentBackupJobType, (req.params as { id: string }).id);
      const action = actionOf(req, 'an agent backup job', PLAIN_JOB_ACTIONS);
      const [operation, outcome] = plainJobAction(app, agentKind, job, action);
      return accepted(req, reply, operation, outcome);
    },
  });

  addRoute(app, {
    method: 'POST',
    url: '/api/backupServers/:id',
    handler: (req, reply) => {
      const server = find(app, backupServerType, (req.params as { id: string }).id);
      actionOf(req, 'a backup server', ['quickbackup'] as const);
      return accepted(req, reply, 'QuickBackup', quickBackup(app, req, server));
    },
  });

  addRoute(app, {
    method: 'POST',
    url: '/api/vmRestorePoints/:id',
    handler: (req, reply) => {
      const point = find(app, vmRestorePointType, (req.params as { id: string }).id);
      actionOf(req, 'a VM restore point', ['restore'] as const);
      readRestoreSpec(req, point, app.store);
      const session = startRestore(app.store, app.config.seed, point, 'RestoreVm', app.clock.now());
      return accepted(req, reply, 'StartVMRestore', {
        ...ok(),
        related: { path: `restoreSessions/${session.id}?format=Entity`, type: 'RestoreSession' },
      });
    },
  });
}
