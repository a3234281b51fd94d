import type { Mount } from '../../data/mounts.js';
import type { FsEntry, Listing } from '../../data/guestFs.js';
import { emDateTime } from '../../data/time.js';
import { pageOf } from '../query/engine.js';
import { pagingInfoTo } from '../query/representation.js';
import { el, links, list, type El, type LinkSpec } from '../repr/tree.js';
import { href } from '../repr/href.js';

export const mountPath = (m: Mount) => `vmRestorePoints/${m.point.id}/mounts/${m.number}`;

/** The listings EM serves below a mount, and the page size its links give each (13.1 samples). */
export const LIST_ACTIONS = { listAll: 100, listDirs: 10, listFiles: 10 } as const;
export type ListAction = keyof typeof LIST_ACTIONS;

/** Characters a path segment may hold as they are (RFC 3986 sub-delimiters, `:` and `@`). */
const KEPT = /%(24|26|2B|2C|3B|3D|3A|40)/g;
const encodeName = (name: string) =>
  encodeURIComponent(name).replace(KEPT, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));

/**
 * A guest path in a URL as EM writes it (`E:/Documentation%202011`, `F:/$RECYCLE.BIN`): each name
 * percent-encoded as UTF-8, separators kept. A Linux path's leading `/` is written `%2F`, so the
 * URL has no empty segment for a proxy or router to fold away (`mounts/1/%2Fetc/hosts`).
 */
export function encodeGuestPath(path: string): string {
  const names = path.split('/');
  if (path.startsWith('/')) return `%2F${names.slice(1).map(encodeName).join('/')}`;
  return names.map(encodeName).join('/');
}

/** The entry's own URL below /api/. */
export const entryPath = (m: Mount, e: { path: string }) => `${mountPath(m)}/${encodeGuestPath(e.path)}`;

export const listPath = (m: Mount, dir: { path: string }, action: ListAction, pageSize: number, page: number) =>
  `${entryPath(m, dir)}?action=${action}&pageSize=${pageSize}&page=${page}`;

/** The folder holding `path`, or undefined for a root (`C:`, `/`). */
export function parentPath(path: string): string | undefined {
  const i = path.lastIndexOf('/');
  if (path === '/' || i < 0) return undefined;
  return i === 0 ? '/' : path.slice(0, i);
}

/** `Up`: the listing of the folder that holds `path` (absent for a root). */
function upLink(m: Mount, path: string): LinkSpec[] {
  const parent = parentPath(path);
  return parent === undefined ? [] : [{ rel: 'Up', href: href(listPath(m, { path: parent }, 'listAll', 100, 1)) }];
}

/** `ReferenceType`'s part of an entry: Links (null when it has none), Href, Type. */
const reference = (self: string, type: string, specs: LinkSpec[] | null) => ({
  elems: { Links: specs ? links(specs) : null },
  attrs: { Href: href(self), Type: type },
});

/**
 * `DirectoryEntry`: Links (Up; Down to its three listings with their page sizes; Restore),
 * Path, Name. The roots in a mount's FSRoots carry no links (13.1 sample).
 */
export function directoryEntry(m: Mount, d: FsEntry, withLinks = true): El {
  const self = entryPath(m, d);
  const down = (Object.keys(LIST_ACTIONS) as ListAction[]).map((a) => ({
    rel: 'Down',
    href: href(listPath(m, d, a, LIST_ACTIONS[a], 1)),
  }));
  const specs = [...upLink(m, d.path), ...down, { rel: 'Restore', href: href(`${self}?action=restore`) }];
  return el('DirectoryEntry', reference(self, 'DirectoryEntry', withLinks ? specs : null), {
    elems: { Path: d.path, Name: d.name },
  });
}

/**
 * `FileEntry`: Links (Up, Restore), Path, Name, Size, Owner, ModifiedDateUTC. Owner is left out,
 * as in the 13.1 sample of a mount listing (only the catalog's index records owners).
 */
export function fileEntry(m: Mount, f: FsEntry): El {
  const self = entryPath(m, f);
  const specs = [...upLink(m, f.path), { rel: 'Restore', href: href(`${self}?action=restore`) }];
  return el('FileEntry', reference(self, 'FileEntry', specs), {
    elems: { Path: f.path, Name: f.name, Size: f.size, Owner: null, ModifiedDateUTC: emDateTime(f.modified) },
  });
}

/** `FileSystemEntry` (GET on a file's own URL): the one entry. */
export const fileSystemEntry = (m: Mount, f: FsEntry): El =>
  el('FileSystemEntry', { elems: { DirectoryEntry: null, FileEntry: fileEntry(m, f) } });

/**
 * `FileSystemEntries`: one page of a folder's listing. Href (the page's own URL), Links (Up to
 * the folder above, none for a root), Files, Directories (the one not listed is absent), and
 * PagingInfo. A listAll page runs through the folders first, then the files.
 */
export function fileSystemEntries(
  m: Mount,
  dir: FsEntry,
  listing: Listing,
  action: ListAction,
  pageSize: number,
  page: number,
): El {
  const entries =
    action === 'listDirs' ? listing.dirs : action === 'listFiles' ? listing.files : [...listing.dirs, ...listing.files];
  const shown = pageOf(entries, pageSize, page);
  const up = upLink(m, dir.path);
  const dirs = shown.items.filter((e) => e.dir);
  const files = shown.items.filter((e) => !e.dir);
  return el(
    'FileSystemEntries',
    {
      elems: { Links: up.length > 0 ? links(up) : null },
      attrs: { Href: href(listPath(m, dir, action, pageSize, page)) },
    },
    {
      elems: {
        Files:
          action === 'listDirs'
            ? null
            : list(
                'Files',
                'FileEntries',
                files.map((f) => fileEntry(m, f)),
              ),
        Directories:
          action === 'listFiles'
            ? null
            : list(
                'Directories',
                'DirectoryEntries',
                dirs.map((d) => directoryEntry(m, d)),
              ),
        PagingInfo: pagingInfoTo(shown, (n) => href(listPath(m, dir, action, pageSize, n))),
      },
    },
  );
}
