import type { Store } from './store.js';
import type { RestoreSession, VmRestorePoint } from './model.js';
import { startRestore } from './restoreActions.js';
import { GuestFs, type FsEntry, type GuestOs } from './guestFs.js';

/**
 * A file-level restore mount of a VM restore point (`/vmRestorePoints/{id}/mounts/{n}`). EM keeps
 * mounts for the logon session that made them; its FileLevelRestore session runs until unmounted.
 */
export interface Mount {
  /** `n` in `mounts/{n}`, numbered per dataset from 1. */
  number: number;
  point: VmRestorePoint;
  /** The logon session that mounted it. */
  logonSession: string;
  session: RestoreSession;
  unmounted: boolean;
  /** The guest file system it shows (generated as it is browsed). */
  fs: GuestFs;
  /** Files restored for download: the guest path's key and the instant its task finishes. */
  downloads: Map<string, number>;
}

/**
 * A mount's session runs until the mount goes. Its end time must still be a real instant (the
 * control plane shows it): a year, which no test waits for.
 */
const OPEN_FOR = 365 * 24 * 60 * 60_000;

export function mount(
  store: Store,
  seed: number,
  point: VmRestorePoint,
  logonSession: string,
  now: number,
  os: GuestOs,
): Mount {
  const session = startRestore(store, seed, point, 'FileLevelRestore', now, OPEN_FOR);
  const m: Mount = {
    number: store.mounts.length + 1,
    point,
    logonSession,
    session,
    unmounted: false,
    fs: new GuestFs(seed, point.vm, os, point.creationTime),
    downloads: new Map(),
  };
  return store.change(() => {
    store.mounts.push(m);
    return m;
  });
}

export const mountsOf = (store: Store, point: VmRestorePoint, logonSession: string): Mount[] =>
  store.mounts.filter((m) => m.point.id === point.id && m.logonSession === logonSession && !m.unmounted);

/** Unmounting ends the FileLevelRestore session now, with the result it was given at mount time. */
export function unmount(store: Store, m: Mount, now: number): void {
  store.change(() => {
    m.unmounted = true;
    // The control plane may have deleted the session meanwhile; then there is nothing to end.
    if (store.restoreSessions.get(m.session.id)) store.restoreSessions.replace({ ...m.session, endTime: now });
  });
}

/** A file restored for direct download can be fetched once its task has finished (`readyAt`). */
export function prepareDownload(store: Store, m: Mount, file: FsEntry, readyAt: number): void {
  store.change(() => m.downloads.set(m.fs.key(file.path), readyAt));
}

export const downloadReady = (m: Mount, file: FsEntry, now: number): boolean =>
  (m.downloads.get(m.fs.key(file.path)) ?? Infinity) <= now;
