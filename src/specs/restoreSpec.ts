import type { FastifyRequest } from 'fastify';
import { EmError } from '../errors.js';
import { readBody } from '../repr/body.js';
import type { VmRestorePoint } from '../../data/model.js';
import type { Store } from '../../data/store.js';
import { uidMember } from './uidMember.js';

/** What a `RestoreSpec` asked for (the mock records the session; the options shape nothing else yet). */
export interface VmRestoreOptions {
  powerOnAfterRestore: boolean;
  quickRollback: boolean;
  keepOriginalVm: boolean;
  newName: string | undefined;
}

/**
 * Reads and checks a `RestoreSpec` (`VmRestoreSpec`) for a whole-VM restore from `point`, as the
 * docs list its members per platform: vSphere and Hyper-V need PowerOnAfterRestore and
 * QuickRollback (KeepOriginalVM excludes QuickRollback); Cloud Director needs PowerOnAfterRestore
 * and the HierarchyRootUid to restore to, and takes VmRestoreParameters.
 */
export function readRestoreSpec(req: FastifyRequest, point: VmRestorePoint, store: Store): VmRestoreOptions {
  const spec = readBody(req, 'RestoreSpec').object('VmRestoreSpec');
  const powerOnAfterRestore = spec.boolean('PowerOnAfterRestore');
  const platform = point.vm.root.platform;
  if (platform === 'vCloud') {
    const rootId = uidMember(spec, 'HierarchyRootUid', 'HierarchyRoot');
    const root = store.hierarchyRoots.get(rootId);
    if (root?.platform !== 'vCloud') {
      throw new EmError(400, `${spec.path}.HierarchyRootUid: there is no Cloud Director hierarchy root ${rootId}.`);
    }
    const quickRollback = spec.boolean('QuickRollback', true) ?? false;
    const params = spec.object('VmRestoreParameters', true);
    let newName: string | undefined;
    if (params) {
      const pointId = uidMember(params, 'VmRestorePointUid', 'VmRestorePoint');
      if (pointId !== point.id)
        throw new EmError(
          400,
          `${params.path}.VmRestorePointUid must name the restore point being restored (${point.id}).`,
        );
      newName = params.string('VmNewName', 255, true);
    }
    return { powerOnAfterRestore, quickRollback, keepOriginalVm: false, newName };
  }
  const quickRollback = spec.boolean('QuickRollback');
  const keepOriginalVm = spec.boolean('KeepOriginalVM', true) ?? false;
  if (keepOriginalVm && quickRollback)
    throw new EmError(400, `${spec.path}.QuickRollback must be false when KeepOriginalVM is true.`);
  return { powerOnAfterRestore, quickRollback, keepOriginalVm, newName: undefined };
}
