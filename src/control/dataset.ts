import type { BackupServer, HierarchyRoot, Vm } from '../../data/model.js';
import { PLATFORMS } from '../../data/model.js';
import { backupServer, generate, objectRef, vmSize, type ServerInventory } from '../../data/generate.js';
import { guidFor } from '../../data/random.js';
import type { Store } from '../../data/store.js';
import { FieldError } from './errors.js';
import { Fields } from './input.js';
import { readCheckedJsonFile } from './jsonFile.js';
import { restoreSessionsFromSpecs } from './restoreSessionSpec.js';

/**
 * The dataset file (`--data`): backup servers, their hierarchy roots and VMs, and the restore
 * sessions to serve instead of generated ones. Jobs, their history and restore points of the
 * listed VMs are generated from the seed as usual; restore sessions use the same spec as
 * POST /__mock/restoreSessions.
 * The format is documented in README.md (## Control plane) and shown in data/example-dataset.json.
 */

/** Reads and checks a dataset file (by building it once as of `now`); returns the document. */
export function loadDatasetFile(file: string, seed: number, now: number): unknown {
  return readCheckedJsonFile(file, 'dataset', (doc) => {
    datasetStore(doc, seed, now);
    return doc;
  });
}

function vmsOf(f: Fields, root: HierarchyRoot, seed: number): Vm[] {
  return f.array('vms', 'an array of VM names or {"name", "objectRef"} objects').map((v, i) => {
    const path = [...f.at('vms'), i];
    if (typeof v === 'string') {
      if (v.trim() === '') throw new FieldError(path, 'expected a non-empty VM name');
      return {
        name: v,
        root,
        objectRef: objectRef(seed, root.platform, `${root.id}/${i}`, i),
        sizeBytes: vmSize(seed, root, i),
      };
    }
    const vf = Fields.of(v, path, ['name', 'objectRef']);
    const name = vf.string('name', 255) ?? vf.fail('name', 'a VM needs a name');
    const ref = vf.string('objectRef', 255) ?? objectRef(seed, root.platform, `${root.id}/${i}`, i);
    return { name, root, objectRef: ref, sizeBytes: vmSize(seed, root, i) };
  });
}

/** Builds the store a dataset document describes, as of `now`. */
export function datasetStore(doc: unknown, seed: number, now: number): Store {
  const top = Fields.of(doc, [], ['backupServers', 'restoreSessions']);
  const inventory: ServerInventory[] = [];
  top.array('backupServers').forEach((s, si) => {
    const sf = Fields.of(s, ['backupServers', si], ['name', 'description', 'version', 'hierarchyRoots']);
    const base = backupServer(seed, si);
    const server: BackupServer = {
      ...base,
      name: sf.string('name', 255) ?? sf.fail('name', 'a backup server needs a name'),
      description: sf.string('description') ?? base.description,
      version: sf.string('version', 64) ?? base.version,
    };
    const roots: ServerInventory['roots'] = [];
    inventory.push({ server, roots });
    sf.array('hierarchyRoots').forEach((r, ri) => {
      const rf = Fields.of(r, [...sf.at('hierarchyRoots'), ri], ['name', 'platform', 'vms']);
      const root: HierarchyRoot = {
        id: guidFor(seed, 'HierarchyRoot', `${si}/${ri}`),
        name: rf.string('name', 255) ?? rf.fail('name', 'a hierarchy root needs a name'),
        platform: rf.oneOf('platform', PLATFORMS) ?? rf.fail('platform', `expected one of ${PLATFORMS.join(', ')}`),
        backupServer: server,
      };
      roots.push({ root, vms: vmsOf(rf, root, seed) });
    });
  });
  const store = generate({ seed, now, restoreSessions: 0, inventory });
  const sessions = restoreSessionsFromSpecs(
    top.array('restoreSessions'),
    { store, now, newId: (i) => guidFor(seed, 'RestoreSession', `file/${i}`) },
    ['restoreSessions'],
  );
  store.restoreSessions.addAll(sessions);
  return store;
}
