import type { Mount } from '../../data/mounts.js';
import { el, links, list, type El, type List } from '../repr/tree.js';
import { href } from '../repr/href.js';
import { directoryEntry, mountPath } from './guestFs.js';

export { mountPath };

/** The mount's Name in EM's task link: `<restore point id>@<n>`. */
export const mountName = (m: Mount) => `${m.point.id}@${m.number}`;

/**
 * `VmRestorePointMount` (docs: GET /vmRestorePoints/{ID}/mounts/{ID}): Href and Type, Links
 * (Delete: unmount), FSRoots: the guest's volumes (`C:`, a data volume by role; `/` on Linux),
 * each a `DirectoryEntry` whose Href leads into the browsing (13.1 sample of an agent mount).
 */
export function mountEntity(m: Mount): El {
  const self = href(mountPath(m));
  const roots = m.fs.roots().map((r) => directoryEntry(m, r, false));
  return el(
    'VmRestorePointMount',
    { elems: { Links: links([{ rel: 'Delete', href: self }]) }, attrs: { Href: self, Type: 'VmRestorePointMount' } },
    { elems: { FSRoots: list('FSRoots', 'DirectoryEntries', roots) } },
  );
}

/** `VmRestorePointMounts`: the caller's mounts of one point. */
export const mountList = (mounts: readonly Mount[]): List =>
  list('VmRestorePointMounts', 'VmRestorePointMounts', mounts.map(mountEntity));
