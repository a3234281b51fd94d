import { uid, type NasJob } from '../../data/model.js';
import { guidFor } from '../../data/random.js';
import { collectionOf, memoized } from '../../data/derived.js';
import { el, links, list, texts, type El, type List } from '../repr/tree.js';
import { href } from '../repr/href.js';
import type { ResourceType } from './resourceType.js';
import { jobFields, serverFields } from './queryFields.js';

/** What a file share job processes: its share, as `/nas/jobs/{id}/includes` lists it. */
export interface NasObject {
  id: string;
  job: NasJob;
}

const objects = new WeakMap<NasJob, NasObject[]>();

/** The job's one include (its whole share); the id derives from the job's (seeded) id. */
export function nasObjectsOf(job: NasJob): NasObject[] {
  let found = objects.get(job);
  if (!found) objects.set(job, (found = [{ id: guidFor(0, 'NasObject', job.id), job }]));
  return found;
}

/**
 * `NASObject` (Type `NasObject`), as the 13.1 includes sample: Links (standing alone: Up to the job
 * entity typed `Job`, Related to the file server entity; inside the job's Includes none, `null` in
 * JSON as a v10 capture writes it), HierarchyObjRef (`urn:NasBackup:BackupServer:<id>`, an id of
 * the share's host of its own: the samples' match none of EM's ids), ObjectInJobId, FileOrFolder,
 * FileServerUid, and the masks: every file, less the share's snapshot folders (the sample's).
 */
export function nasObject(o: NasObject, standalone: boolean): El {
  const { job } = o;
  const server = job.fileServer;
  return el(
    'NASObject',
    {
      elems: {
        Links: standalone
          ? links([
              { rel: 'Up', href: href(`nas/jobs/${job.id}?format=Entity`), name: job.name, type: 'Job' },
              {
                rel: 'Related',
                href: href(`nas/fileServers/${server.id}?format=Entity`),
                name: server.path,
                type: 'FileServer',
              },
            ])
          : null,
      },
      attrs: { Href: href(`nas/jobs/${job.id}/includes/${o.id}`), Type: 'NasObject' },
    },
    {
      elems: {
        HierarchyObjRef: `urn:NasBackup:BackupServer:${guidFor(0, 'NasHost', server.id)}`,
        ObjectInJobId: o.id,
        FileOrFolder: job.share,
        FileServerUid: uid('FileServer', server.id),
        InclusionMask: texts('InclusionMask', 'Extension', 'Extensions', ['*.*']),
        ExclusionMask: texts('ExclusionMask', 'Extension', 'Extensions', [
          `${job.share}\\.snapshot`,
          `${job.share}\\~snapshot`,
        ]),
      },
    },
  );
}

/** `NASObjects` (a job's includes, or its entity's `Includes`); JSON `NASObjects` either way. */
export function nasObjectList(items: readonly NasObject[], standalone: boolean, name = 'NASObjects'): List {
  return list(
    name,
    'NASObjects',
    items.map((o) => nasObject(o, standalone)),
  );
}

const shareOf = (o: NasObject) => o.job.share;

/** Every NAS job's includes, for the query service; rebuilt when the jobs change. */
const allNasObjects = memoized(
  (store) => collectionOf(store.nasJobs.all().flatMap(nasObjectsOf)),
  (store) => [store.nasJobs],
);

/**
 * `query?type=NasObject`: not an entity in EM's schema (no UID or Name of its own), so it is
 * answered in `Resources` only, never as references (notes/query.md). Its fields are the 13.1
 * page's: UID (the bare ObjectInJobId), Name (the share), JobUid, JobName, FileServerUid,
 * FileServerName, BackupServerUid, BackupServerName.
 */
export const nasObjectType: ResourceType<NasObject> = {
  uidType: 'NasObject',
  path: 'nas/jobs',
  refType: 'NasObject',
  listElement: 'NASObjects',
  collection: allNasObjects,
  name: shareOf,
  // Never drawn: a NAS object is answered in Resources only.
  refLinks: () => [],
  entity: (o) => nasObject(o, true),
  queryFields: [
    { name: 'UID', kind: 'string', get: (o) => o.id },
    { name: 'Name', kind: 'string', get: shareOf },
    ...jobFields<NasObject>((o) => o.job),
    { name: 'FileServerUid', kind: 'uid', get: (o) => uid('FileServer', o.job.fileServer.id) },
    { name: 'FileServerName', kind: 'string', get: (o) => o.job.fileServer.path },
    ...serverFields<NasObject>((o) => o.job.backupServer),
  ],
};
