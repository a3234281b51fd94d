import { uid, type FileServer } from '../../data/model.js';
import { el } from '../repr/tree.js';
import { entityBase, type ResourceType } from './resourceType.js';
import { entityLink, refLink, serverUp } from './links.js';

/**
 * `/nas/fileServers`: the file shares NAS jobs back up, shaped as the docs' `GET
 * /nas/fileServers/{ID}` sample: ServerType, HierarchyObjRef (`urn:NasBackup:FileServer:<backup
 * server>.<share>`), SmbServerOptions, ProcessingOptions, NASServerAdvancedOptions.
 */
export const fileServerType: ResourceType<FileServer> = {
  uidType: 'FileServer',
  path: 'nas/fileServers',
  refType: 'FileServerReference',
  listElement: 'FileServers',
  collection: (store) => store.fileServers,
  name: (f) => f.path,
  refLinks: (f) => [serverUp(f.backupServer), entityLink('Alternate', fileServerType, f, 'FileServer')],
  entity: (f) =>
    el(
      'FileServer',
      ...entityBase(fileServerType, f, 'FileServer', [
        serverUp(f.backupServer),
        refLink('Alternate', fileServerType, f),
      ]),
      {
        elems: {
          ServerType: 'SmbServer',
          HierarchyObjRef: `urn:NasBackup:FileServer:${f.backupServer.id}.${f.id}`,
          SmbServerOptions: el('SmbServerOptions', { elems: { Path: f.path, CredentialsId: f.credentialsId } }),
          ProcessingOptions: el('ProcessingOptions', {
            elems: { ServerUid: uid('FileServer', f.id), CacheRepositoryUid: uid('Repository', f.cacheRepository.id) },
          }),
          NASServerAdvancedOptions: el('NASServerAdvancedOptions', { elems: { ProcessingMode: 'Direct' } }),
        },
      },
    ),
};
