import type { Platform, RestoreJobType, RestoreSession, SessionResult, Vm, VmRestorePoint } from '../../data/model.js';
import { PLATFORMS, uid } from '../../data/model.js';
import { MINUTE, emDateTime } from '../../data/time.js';
import type { Store } from '../../data/store.js';
import { restoreSessionName } from '../../data/history.js';
import { restoreSessionView } from '../../data/timeline.js';
import { FieldError, type FieldPath } from './errors.js';
import { Fields } from './input.js';
import { isGuid } from '../ids.js';

/**
 * A restore session described by a test (POST /__mock/restoreSessions, a dataset file, the
 * library): any field may be given, the rest is derived. The result is the same model
 * (RestoreSession facts) the generator builds, so the clock drives it like any other session.
 */
export interface RestoreSessionSpec {
  id?: string;
  name?: string;
  /** VM name (case-insensitive). */
  vm?: string;
  platform?: Platform;
  /** Backup server name (case-insensitive). */
  backupServer?: string;
  /** GUID or UID of the VM restore point it restores from. */
  vmRestorePoint?: string;
  jobType?: RestoreJobType;
  /** ISO instant, `now`, or an offset from the mock clock such as `-2h`. */
  creationTime?: string;
  endTime?: string;
  /** Length of the session (instead of endTime): `45m`, `2h`, or milliseconds. */
  duration?: string | number;
  state?: 'Working' | 'Stopped';
  /** The result it ends (or ended) with. */
  result?: SessionResult;
}

const FIELDS = [
  'id',
  'name',
  'vm',
  'platform',
  'backupServer',
  'vmRestorePoint',
  'jobType',
  'creationTime',
  'endTime',
  'duration',
  'state',
  'result',
] as const;

/** Sessions one request (or dataset file) may create: 1000 take ≈50 ms, 10 000 held the event loop ≈400 ms. */
export const MAX_BATCH = 1000;

/** A running session with no end given runs this much longer from now. */
const DEFAULT_REMAINING = 30 * MINUTE;
/** A running session with no start given began this long ago. */
const DEFAULT_RUNNING_FOR = 5 * MINUTE;
/** A finished session with no times given started an hour ago and took ten minutes. */
const DEFAULT_AGE = 60 * MINUTE;
const DEFAULT_DURATION = 10 * MINUTE;

/** The GUID of a bare GUID or a `urn:veeam:<uidType>:<guid>`, else undefined. */
export function guidOf(raw: string, uidType: string): string | undefined {
  const m = new RegExp(`^urn:veeam:${uidType}:(.+)$`, 'i').exec(raw.trim());
  const guid = m ? m[1]! : raw.trim();
  return isGuid(guid) ? guid.toLowerCase() : undefined;
}

export interface SpecContext {
  store: Store;
  now: number;
  /** The id of the n-th session created by this batch (seeded, so runs repeat). */
  newId(n: number): string;
}

/** The VM's points in its primary backups (as generated restores use), else any of its points. */
function pointsOfVm(store: Store, vm: Vm, cache: Map<Vm, VmRestorePoint[]>): VmRestorePoint[] {
  let points = cache.get(vm);
  if (points === undefined) {
    // One scan of every point per VM and batch, not per session: a batch of thousands stays fast.
    points = primaryPointsOfVm(store, vm);
    cache.set(vm, points);
  }
  return points;
}

function primaryPointsOfVm(store: Store, vm: Vm): VmRestorePoint[] {
  const all = store.vmRestorePoints.all().filter((p) => p.vm === vm);
  const primary = all.filter((p) => p.restorePoint.backup.job.jobType === 'Backup');
  return primary.length > 0 ? primary : all;
}

function chooseVm(f: Fields, store: Store): { vm: Vm; point: VmRestorePoint | undefined } {
  const vmName = f.string('vm', 255);
  const platform = f.oneOf('platform', PLATFORMS);
  const server = f.string('backupServer', 255);
  const pointRaw = f.string('vmRestorePoint', 200);
  let point: VmRestorePoint | undefined;
  if (pointRaw !== undefined) {
    const guid = guidOf(pointRaw, 'VmRestorePoint');
    if (guid === undefined) f.fail('vmRestorePoint', 'expected a GUID or urn:veeam:VmRestorePoint:<guid>');
    point = store.vmRestorePoints.get(guid!);
    if (!point) f.fail('vmRestorePoint', `no VM restore point ${guid}`);
  }
  let candidates: readonly Vm[] = point ? [point.vm] : store.vms;
  const narrow = (field: string, keep: (vm: Vm) => boolean, none: string) => {
    candidates = candidates.filter(keep);
    if (candidates.length === 0) f.fail(field, point ? `the restore point's VM ${point.vm.name} does not match` : none);
  };
  if (vmName !== undefined)
    narrow('vm', (vm) => vm.name.toLowerCase() === vmName.toLowerCase(), `no VM named ${JSON.stringify(vmName)}`);
  if (platform !== undefined)
    narrow(
      'platform',
      (vm) => vm.root.platform === platform,
      `no VM${vmName ? ` ${vmName}` : ''} on platform ${platform}`,
    );
  if (server !== undefined) {
    narrow(
      'backupServer',
      (vm) => vm.root.backupServer.name.toLowerCase() === server.toLowerCase(),
      `no VM${vmName ? ` ${vmName}` : ''} on a backup server named ${JSON.stringify(server)}`,
    );
  }
  if (candidates.length === 0) throw new FieldError(f.path, 'the dataset has no VMs to restore');
  return { vm: candidates[0]!, point };
}

interface Times {
  creationTime: number;
  endTime: number;
}

function times(f: Fields, now: number): Times {
  const state = f.oneOf('state', ['Working', 'Stopped'] as const);
  let creation = f.instant('creationTime', now);
  let end = f.instant('endTime', now);
  const duration = f.duration('duration');
  if (end !== undefined && duration !== undefined) f.fail('duration', 'give endTime or duration, not both');
  if (duration === 0) f.fail('duration', 'must be longer than 0');
  if (creation !== undefined && creation > now) f.fail('creationTime', `is after the mock clock (${emDateTime(now)})`);
  // Without a state, the times decide: a session whose end is still ahead is running.
  const givenEnd = end ?? (creation !== undefined && duration !== undefined ? creation + duration : undefined);
  const running = state === 'Working' || (state === undefined && givenEnd !== undefined && givenEnd > now);
  if (running) {
    creation ??=
      end !== undefined ? Math.min(now, end - DEFAULT_RUNNING_FOR - DEFAULT_REMAINING) : now - DEFAULT_RUNNING_FOR;
    end ??= duration !== undefined ? creation + duration : now + DEFAULT_REMAINING;
    if (end <= now)
      f.fail(
        f.has('endTime') ? 'endTime' : 'duration',
        `a Working session must end after the mock clock (${emDateTime(now)})`,
      );
  } else {
    creation ??= end !== undefined ? end - DEFAULT_DURATION : now - Math.max(DEFAULT_AGE, duration ?? 0);
    end ??= duration !== undefined ? creation + duration : Math.min(creation + DEFAULT_DURATION, now);
    if (end > now)
      f.fail(
        f.has('endTime') ? 'endTime' : 'duration',
        `a Stopped session must have ended by the mock clock (${emDateTime(now)})`,
      );
  }
  if (end <= creation) f.fail(f.has('endTime') ? 'endTime' : 'creationTime', 'the session must end after it starts');
  // Derived times too: a default start an hour back may fall before the range near its edge.
  f.inRange('creationTime', creation);
  f.inRange(f.has('endTime') ? 'endTime' : 'duration', end);
  return { creationTime: creation, endTime: end };
}

/** One session from its spec; throws a FieldError naming the field at fault. */
interface Batch {
  /** Ids created so far in the batch. */
  taken: Set<string>;
  points: Map<Vm, VmRestorePoint[]>;
}

function restoreSessionFromSpec(
  spec: unknown,
  path: FieldPath,
  ctx: SpecContext,
  n: number,
  batch: Batch,
): RestoreSession {
  const f = Fields.of(spec, path, FIELDS);
  const jobType = f.oneOf('jobType', ['RestoreVm', 'FileLevelRestore'] as const) ?? 'RestoreVm';
  const result = f.oneOf('result', ['Success', 'Warning', 'Failed'] as const) ?? 'Success';
  const { creationTime, endTime } = times(f, ctx.now);
  const { vm, point: given } = chooseVm(f, ctx.store);
  let point = given;
  if (!point) {
    const points = pointsOfVm(ctx.store, vm, batch.points);
    const before = points.filter((p) => p.creationTime < creationTime);
    point = before[before.length - 1] ?? points[0];
    if (!point) f.fail('vm', `VM ${vm.name} has no restore points to restore from`);
  }
  const idRaw = f.string('id', 200);
  let id = idRaw === undefined ? ctx.newId(n) : guidOf(idRaw, 'RestoreSession');
  if (id === undefined) f.fail('id', 'expected a GUID or urn:veeam:RestoreSession:<guid>');
  id = id!;
  if (ctx.store.restoreSessions.get(id) || batch.taken.has(id)) f.fail('id', `a restore session ${id} already exists`);
  batch.taken.add(id);
  return {
    id,
    name: f.string('name', 255) ?? restoreSessionName(jobType, vm.name, creationTime),
    jobType,
    vmRestorePoint: point!,
    creationTime,
    endTime,
    result,
  };
}

/**
 * Sessions from a spec or an array of specs, all validated before any is returned, so a bad
 * element leaves nothing half-created. `path` prefixes field names in errors.
 */
export function restoreSessionsFromSpecs(specs: unknown, ctx: SpecContext, path: FieldPath = []): RestoreSession[] {
  if (Array.isArray(specs) && specs.length > MAX_BATCH) {
    throw new FieldError(path, `at most ${MAX_BATCH} restore sessions per request or file, got ${specs.length}`);
  }
  const batch: Batch = { taken: new Set(), points: new Map() };
  if (Array.isArray(specs)) return specs.map((s, i) => restoreSessionFromSpec(s, [...path, i], ctx, i, batch));
  return [restoreSessionFromSpec(specs ?? {}, path, ctx, 0, batch)];
}

/** What the control plane reports about a session: its facts and how it looks now. */
export interface RestoreSessionSummary {
  id: string;
  uid: string;
  name: string;
  href: string;
  jobType: RestoreJobType;
  vm: string;
  platform: Platform;
  backupServer: string;
  vmRestorePoint: string;
  creationTime: string;
  /** When it ends (or ended), also while it still runs. */
  endTime: string;
  state: 'Working' | 'Stopped';
  result: SessionResult | 'None';
  progress: number;
}

export function summarizeRestoreSession(s: RestoreSession, now: number): RestoreSessionSummary {
  const view = restoreSessionView(s, now);
  const vm = s.vmRestorePoint.vm;
  return {
    id: s.id,
    uid: uid('RestoreSession', s.id),
    name: s.name,
    href: `/api/restoreSessions/${s.id}`,
    jobType: s.jobType,
    vm: vm.name,
    platform: vm.root.platform,
    backupServer: vm.root.backupServer.name,
    vmRestorePoint: s.vmRestorePoint.id,
    creationTime: emDateTime(s.creationTime),
    endTime: emDateTime(s.endTime),
    state: view.state,
    result: view.result,
    progress: view.progress,
  };
}
