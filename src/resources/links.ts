import type { BackupServer } from '../../data/model.js';
import type { LinkSpec } from '../repr/tree.js';
import { href } from '../repr/send.js';
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
export function entityLink<T extends { id: string }>(rel: string, type: ResourceType<T>, item: T, entityType: string): LinkSpec {
  return { rel, href: itemHref(type, item, true), name: type.name(item), type: entityType };
}

/** A `Down` (or other) link to a sub-collection `…/{id}/<sub>`. */
export function subLink<T extends { id: string }>(rel: string, type: ResourceType<T>, item: T, sub: string, linkType?: string): LinkSpec {
  return { rel, href: href(`${type.path}/${item.id}/${sub}`), type: linkType };
}

/** An action link (`…/{id}?action=<name>`), which clients POST to. */
export function actionLink<T extends { id: string }>(rel: string, type: ResourceType<T>, item: T, action: string): LinkSpec {
  return { rel, href: `${itemHref(type, item)}?action=${action}` };
}
