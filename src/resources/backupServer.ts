import { uid, type BackupServer } from '../../data/model.js';
import { el } from '../repr/tree.js';
import { href } from '../repr/href.js';
import { entityBase, itemHref, type ResourceType } from './resourceType.js';

const sub = (s: BackupServer, path: string) => href(`backupServers/${s.id}/${path}`);

export const backupServerType: ResourceType<BackupServer> = {
  uidType: 'BackupServer',
  path: 'backupServers',
  refType: 'BackupServerReference',
  listElement: 'BackupServers',
  collection: (store) => store.backupServers,
  name: (s) => s.name,
  refLinks: (s) => [
    { rel: 'Down', href: sub(s, 'jobs'), type: 'JobReferenceList' },
    { rel: 'Down', href: sub(s, 'repositories'), type: 'RepositoryReferenceList' },
    { rel: 'Down', href: sub(s, 'externalRepositories'), type: 'ExternalRepositoryReferenceList' },
    { rel: 'Down', href: sub(s, 'credentials'), type: 'CredentialsList' },
    { rel: 'Down', href: sub(s, 'passwords'), type: 'PasswordKeyList' },
    { rel: 'Alternate', href: itemHref(backupServerType, s, true), name: s.name, type: 'BackupServer' },
    { rel: 'Down', href: sub(s, 'managedServers'), type: 'ManagedServerReferenceList' },
  ],
  entity: (s) => {
    const self = itemHref(backupServerType, s);
    return el(
      'BackupServer',
      ...entityBase(backupServerType, s, 'BackupServer', [
        { rel: 'Alternate', href: self, name: s.name, type: 'BackupServerReference' },
        { rel: 'Edit', href: self, type: 'BackupServerReference' },
        { rel: 'Delete', href: self, type: 'BackupServerReference' },
        { rel: 'Down', href: sub(s, 'jobs'), type: 'JobReferenceList' },
        { rel: 'Down', href: sub(s, 'managedServers'), type: 'ManagedServerReferenceList' },
        { rel: 'Down', href: sub(s, 'repositories'), type: 'RepositoryReferenceList' },
        { rel: 'Down', href: sub(s, 'externalRepositories'), type: 'ExternalRepositoryReferenceList' },
        { rel: 'Down', href: sub(s, 'credentials'), type: 'CredentialsList' },
        { rel: 'Create', href: `${sub(s, 'credentials')}?action=create` },
        { rel: 'Down', href: sub(s, 'passwords'), type: 'PasswordKeyList' },
        { rel: 'Create', href: `${sub(s, 'passwords')}?action=create` },
        { rel: 'VeeamZip', href: `${self}?action=veeamzip` },
        { rel: 'QuickBackup', href: `${self}?action=quickbackup` },
        { rel: 'Start', href: `${self}?action=collect` },
      ]),
      {
        elems: {
          Description: s.description,
          Port: s.port,
          Version: s.version,
          WcfPort: s.wcfPort,
          VbrCertificateThumbprint: s.thumbprint,
        },
      },
    );
  },
  // The fields of EM's `GET /query?type=BackupServer` page; the mock adds servers by DNS name.
  queryFields: [
    { name: 'UID', kind: 'uid', get: (s) => uid('BackupServer', s.id) },
    { name: 'Name', kind: 'string', get: (s) => s.name },
    { name: 'Description', kind: 'string', get: (s) => s.description },
    { name: 'IpOrDnsName', kind: 'string', get: (s) => s.name },
    { name: 'Port', kind: 'number', get: (s) => s.port },
    { name: 'Version', kind: 'string', get: (s) => s.version },
  ],
};
