import type { BackupServer } from '../../data/model.js';
import type { LinkSpec } from '../repr/tree.js';
import { href } from '../repr/href.js';
import { itemHref, type ResourceType } from './resourceType.js';

/** `Up` to the backup server an object lives on: Links[0] of most objects, which clients label by. */
export function serverUp(server: BackupServer): LinkSpec {
  return { rel: 'Up', href: href(`backupServers/${server.id}`), name: server.name, type: 'BackupServerReference' };
}

/** A link to another object's reference (`…/{id}`), typed `<X>Reference`. */
export function refLink<T extends { id: string }>(rel: string, type: ResourceType<T>, item: T): LinkSpec {
  return { rel, href: itemHref(type, item), name: type.name(item), type: type.refType };
}

/** A link to an object's entity (`…/{id}?format=Entity`), typed with its entity type. */
export function entityLink<T extends { id: string }>(
  rel: string,
  type: ResourceType<T>,
  item: T,
  entityType: string,
): LinkSpec {
  return { rel, href: itemHref(type, item, true), name: type.name(item), type: entityType };
}

/** A `Down` (or other) link to a sub-collection `…/{id}/<sub>`. */
export function subLink<T extends { id: string }>(
  rel: string,
  type: ResourceType<T>,
  item: T,
  sub: string,
  linkType?: string,
): LinkSpec {
  return { rel, href: href(`${type.itemPath ?? type.path}/${item.id}/${sub}`), type: linkType };
}

/** An action link (`…/{id}?action=<name>`), which clients POST to. */
export function actionLink<T extends { id: string }>(
  rel: string,
  type: ResourceType<T>,
  item: T,
  action: string,
): LinkSpec {
  return { rel, href: `${itemHref(type, item)}?action=${action}` };
}

/**
 * The entity links EM gives NAS and agent backup jobs, in its order: Up server, Alternate (typed
 * JobReference, sic), Down includes, ToggleScheduleEnabled, Down backupSessions, Start, Stop,
 * Retry. The two differ in how an action is addressed and in the includes list type.
 */
export function fileOrAgentJobLinks<T extends { id: string; name: string; backupServer: BackupServer }>(
  type: ResourceType<T>,
  j: T,
  includesType: string,
  action: (rel: string, name: string) => LinkSpec,
): LinkSpec[] {
  return [
    serverUp(j.backupServer),
    { rel: 'Alternate', href: itemHref(type, j), name: j.name, type: 'JobReference' },
    subLink('Down', type, j, 'includes', includesType),
    action('ToggleScheduleEnabled', 'toggleScheduleEnabled'),
    subLink('Down', type, j, 'backupSessions', 'BackupJobSessionReferenceList'),
    action('Start', 'start'),
    action('Stop', 'stop'),
    action('Retry', 'retry'),
  ];
}

/**
 * The first links of an object held by another (a backup by its repository, a point or file by
 * its backup), in EM's two orders: a reference starts with the server, the holder and Alternate
 * to the entity; an entity with the holder, the server and Alternate to the reference.
 */
export function heldBy<T extends { id: string }>(
  type: ResourceType<T>,
  item: T,
  server: BackupServer,
  holder: LinkSpec,
  entityType: string,
): { ref: LinkSpec[]; entity: LinkSpec[] } {
  return {
    ref: [serverUp(server), holder, entityLink('Alternate', type, item, entityType)],
    entity: [holder, serverUp(server), refLink('Alternate', type, item)],
  };
}
