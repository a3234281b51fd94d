import type { FastifyRequest } from 'fastify';
import { EmError } from '../errors.js';
import { readBody } from '../repr/body.js';
import { hierarchyObjRef, type BackupServer, type Vm } from '../../data/model.js';
import type { Store } from '../../data/store.js';

/** Reads a `QuickBackupStartupSpec`: the VM (by its `VmRef`, a HierarchyObjRef) on `server`. */
export function readQuickBackupSpec(req: FastifyRequest, server: BackupServer, store: Store): Vm {
  const spec = readBody(req, 'QuickBackupStartupSpec');
  const ref = spec.string('VmRef', 512);
  const vm = store.vms.find(
    (v) => v.root.backupServer.id === server.id && hierarchyObjRef(v).toLowerCase() === ref.trim().toLowerCase(),
  );
  if (!vm)
    throw new EmError(
      400,
      `${spec.path}.VmRef: there is no VM ${JSON.stringify(ref.slice(0, 120))} on ${server.name}.`,
    );
  return vm;
}
