import type { Platform } from './model.js';

/**
 * How big the generated estate is. Every backup server gets the same shape: per platform,
 * `rootsPerPlatform` hierarchy roots (vCenter, Cloud Director, Hyper-V cluster), each with its
 * own backup job, and `vmsPerRoot` VMs in each. History is laid out over `historyDays` before
 * the clock start (restore sessions and NAS runs; job runs 10 days longer, so the oldest restore
 * has a point to restore from).
 */
export interface EstateSize {
  backupServers: number;
  rootsPerPlatform: number;
  vmsPerRoot: Record<Platform, number>;
  historyDays: number;
  /**
   * Days of job runs (sessions, tasks, restore points) before the clock start, when shorter than
   * the history: a job run writes one task and one restore point per VM, so at 10 000 VMs a year
   * of them would be millions of objects. Restores older than it restore from the oldest point kept.
   */
  jobRunDays?: number;
}

/**
 * The first sites (backup servers) are the medium estate the tests, the README and users know by
 * heart: their values are hand-picked. Sites beyond them, added by the estate-size options, get
 * realistic values from faker instead of a repeating table.
 */
export const HAND_MADE_SITES = 3;

export type EstatePreset = 'small' | 'medium' | 'large';
export const ESTATE_PRESETS: readonly EstatePreset[] = ['small', 'medium', 'large'];

const PRESETS: Record<EstatePreset, EstateSize> = {
  // One site of the medium estate, with a month of history: quick to start, easy to read.
  small: { backupServers: 1, rootsPerPlatform: 1, vmsPerRoot: { VMware: 8, vCloud: 4, HyperV: 6 }, historyDays: 30 },
  // The estate the tests and the README describe.
  medium: { backupServers: 3, rootsPerPlatform: 1, vmsPerRoot: { VMware: 8, vCloud: 4, HyperV: 6 }, historyDays: 90 },
  // About 10 000 VMs (10 servers × 2 roots per platform × 500 VMs) and a year of history.
  large: {
    backupServers: 10,
    rootsPerPlatform: 2,
    vmsPerRoot: { VMware: 250, vCloud: 100, HyperV: 150 },
    historyDays: 365,
    jobRunDays: 7,
  },
};

/** Overrides of a preset's numbers; `vmsPerRoot` scales every platform to that many VMs per root. */
export interface EstateOverrides {
  backupServers?: number | undefined;
  rootsPerPlatform?: number | undefined;
  vmsPerRoot?: number | undefined;
  historyDays?: number | undefined;
}

export function estateSize(preset: EstatePreset = 'medium', o: EstateOverrides = {}): EstateSize {
  const p = PRESETS[preset];
  const vms = o.vmsPerRoot;
  return {
    backupServers: o.backupServers ?? p.backupServers,
    rootsPerPlatform: o.rootsPerPlatform ?? p.rootsPerPlatform,
    vmsPerRoot: vms === undefined ? { ...p.vmsPerRoot } : { VMware: vms, vCloud: vms, HyperV: vms },
    historyDays: o.historyDays ?? p.historyDays,
    ...(p.jobRunDays === undefined ? {} : { jobRunDays: p.jobRunDays }),
  };
}

/** Whether two sizes describe the same estate (each app computes its own from its config). */
export function sameEstate(a: EstateSize, b: EstateSize): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The VMs an estate of this size holds. */
export function vmCount(e: EstateSize): number {
  return e.backupServers * e.rootsPerPlatform * (e.vmsPerRoot.VMware + e.vmsPerRoot.vCloud + e.vmsPerRoot.HyperV);
}

/** The estate a configuration asks for: its preset with the numbers it overrides. */
export function estateOf(c: { estate: EstatePreset } & EstateOverrides): EstateSize {
  return estateSize(c.estate, c);
}
