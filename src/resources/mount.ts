import type { Mount } from '../../data/mounts.js';
import { el, links, list, type El, type List } from '../repr/tree.js';
import { href } from '../repr/href.js';

export const mountPath = (m: Mount) => `vmRestorePoints/${m.point.id}/mounts/${m.number}`;

/** The mount's Name in EM's task link: `<restore point id>@<n>`. */
export const mountName = (m: Mount) => `${m.point.id}@${m.number}`;

/**
 * `VmRestorePointMount` (docs: GET /vmRestorePoints/{ID}/mounts/{ID}): Href and Type, Links
 * (Delete: unmount), FSRoots (`DirectoryEntry`s with Path and Name, as the docs' parameter table
 * lists them). The guest OS is not modelled: every VM shows one volume, `C:\` (notes/actions.md).
 */
export function mountEntity(m: Mount): El {
  const self = href(mountPath(m));
  // Path and Name only: browsing below the roots is not simulated, so no Href to follow.
  const root = el('DirectoryEntry', { elems: { Path: 'C:\\', Name: 'C:' } });
  return el(
    'VmRestorePointMount',
    { elems: { Links: links([{ rel: 'Delete', href: self }]) }, attrs: { Href: self, Type: 'VmRestorePointMount' } },
    { elems: { FSRoots: list('FSRoots', 'DirectoryEntries', [root]) } },
  );
}

/** `VmRestorePointMounts`: the caller's mounts of one point. */
export const mountList = (mounts: readonly Mount[]): List =>
  list('VmRestorePointMounts', 'VmRestorePointMounts', mounts.map(mountEntity));
