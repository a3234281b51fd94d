import { UNKNOWN_CAPACITY, type Repository } from '../../data/model.js';
import { el } from '../repr/tree.js';
import { entityBase, type ResourceType } from './resourceType.js';
import { entityLink, refLink, serverUp, subLink } from './links.js';
import { serverFields, uidField } from './queryFields.js';

/** Free space: capacity less what its backup files and other data take; unknown (-1) when the capacity is. */
export const freeSpace = (r: Repository) =>
  r.capacity === UNKNOWN_CAPACITY ? UNKNOWN_CAPACITY : r.capacity - r.backupSize - r.otherData;

/** `/repositories`: backup repositories of every backup server. */
export const repositoryType: ResourceType<Repository> = {
  uidType: 'Repository',
  path: 'repositories',
  refType: 'RepositoryReference',
  listElement: 'Repositories',
  collection: (store) => store.repositories,
  name: (r) => r.name,
  refLinks: (r) => [
    serverUp(r.backupServer),
    entityLink('Alternate', repositoryType, r, 'Repository'),
    subLink('Down', repositoryType, r, 'backups', 'BackupReferenceList'),
    subLink('Down', repositoryType, r, 'replicas', 'ReplicaReferenceList'),
  ],
  entity: (r) =>
    el(
      'Repository',
      ...entityBase(repositoryType, r, 'Repository', [
        serverUp(r.backupServer),
        refLink('Alternate', repositoryType, r),
        subLink('Down', repositoryType, r, 'backups', 'BackupReferenceList'),
        subLink('Down', repositoryType, r, 'replicas', 'ReplicaReferenceList'),
      ]),
      { elems: { Capacity: r.capacity, FreeSpace: freeSpace(r), Kind: r.kind } },
    ),
  // EM's `GET /query?type=Repository` page.
  queryFields: [
    uidField('Repository'),
    { name: 'Name', kind: 'string', get: (r) => r.name },
    { name: 'FreeSpace', kind: 'number', get: freeSpace },
    { name: 'Capacity', kind: 'number', get: (r) => r.capacity },
    ...serverFields<Repository>((r) => r.backupServer),
  ],
};
