import type { FastifyInstance } from 'fastify';
import { addRoute, wantsEntity } from '../src/routing.js';
import { send, sendCached } from '../src/repr/send.js';
import { EmError } from '../src/errors.js';
import { GUID, guidFromPath } from '../src/ids.js';
import { resourceTypes } from '../src/resources/index.js';
import {
  entitiesChangeAt,
  entityList,
  listChangesAt,
  reference,
  referenceList,
  type AnyResourceType,
  type ResourceType,
} from '../src/resources/resourceType.js';
import { nasJobType } from '../src/resources/nasJob.js';
import { subCollections } from '../src/resources/subCollections.js';
import { list, type El, type List } from '../src/repr/tree.js';
import { jobType } from '../src/resources/job.js';
import { objectInJob, objectInJobList, objectsInJob } from '../src/resources/objectInJob.js';
import { nasObject, nasObjectList, nasObjectsOf } from '../src/resources/nasObject.js';
import {
  linkedBackupRepositoryList,
  linkedJobList,
  linkedJobObject,
  linkedJobsOf,
} from '../src/resources/linkedJob.js';

/** A human name for messages: `restoreSessions` → `restore session`. */
function describe(type: { uidType: string }): string {
  return type.uidType.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** The object a `/{id}` path segment names, or 404. */
export function find<T extends { id: string }>(app: FastifyInstance, type: ResourceType<T>, id: string): T {
  const guid = guidFromPath(id, type.uidType, describe(type));
  const item = type.collection(app.store).get(guid);
  if (!item) throw new EmError(404, `The ${describe(type)} ${guid} does not exist.`);
  return item;
}

/** How a job's objects are named in ids and messages. */
interface ObjectNaming {
  /** The word of a full UID in the path, and what it is called in a refusal. */
  uidWord: string;
  what: string;
  missing(job: string, guid: string): string;
}

/** `GET /api/<job path>/{id}/<sub>` (the list) and `…/<sub>/{objId}` (one item): objects a job holds, at their own Hrefs. */
function jobObjectRoutes<J extends { id: string }, O extends { id: string }>(
  app: FastifyInstance,
  jobs: ResourceType<J>,
  sub: string,
  objectsOf: (job: J) => readonly O[],
  listOf: (items: readonly O[]) => List,
  itemOf: (item: O) => El,
  naming: ObjectNaming,
): void {
  addRoute(app, {
    method: 'GET',
    url: `/api/${jobs.path}/:id/${sub}`,
    handler: (req, reply) => send(req, reply, listOf(objectsOf(find(app, jobs, (req.params as { id: string }).id)))),
  });
  addRoute(app, {
    method: 'GET',
    url: `/api/${jobs.path}/:id/${sub}/:objId`,
    handler: (req, reply) => {
      const { id, objId } = req.params as { id: string; objId: string };
      const job = find(app, jobs, id);
      const guid = guidFromPath(objId, naming.uidWord, naming.what);
      const item = objectsOf(job).find((o) => o.id === guid);
      if (!item) throw new EmError(404, naming.missing(job.id, guid));
      return send(req, reply, itemOf(item));
    },
  });
}

/** Objects EM serves at another collection's `/{id}` too (by bare GUID): NAS jobs at /jobs/{id}. */
const ALSO_AT: Record<string, AnyResourceType | undefined> = { jobs: nasJobType as unknown as AnyResourceType };

/**
 * `GET /api/<path>` (references, or entities with ?format=Entity), `GET /api/<path>/{id}`, and
 * the sub-collections `GET /api/<path>/{id}/<sub>`.
 */
export function resourceRoutes(app: FastifyInstance): void {
  for (const { parent, sub, child, items } of subCollections) {
    addRoute(app, {
      method: 'GET',
      url: `/api/${parent.path}/:id/${sub}`,
      handler: (req, reply) => {
        const item = find(app, parent, (req.params as { id: string }).id);
        if (!child || !items) return send(req, reply, list('EntityReferences', 'Refs', []));
        const now = app.clock.now();
        const found = items(item, app.store, now);
        return send(req, reply, wantsEntity(req) ? entityList(child, found, now) : referenceList(child, found, now));
      },
    });
  }

  // A job's VMs (`ObjectsInJob`), a backup copy job's sources, a file share job's share: each
  // list, and each item at its own Href.
  jobObjectRoutes(
    app,
    jobType,
    'includes',
    objectsInJob,
    (o) => objectInJobList(o, true),
    (o) => objectInJob(o, true),
    {
      uidWord: 'ObjectInJob',
      what: 'object in job',
      missing: (job, guid) => `The job ${job} includes no object ${guid}.`,
    },
  );
  jobObjectRoutes(app, jobType, 'linkedJobs', linkedJobsOf, linkedJobList, (o) => linkedJobObject(o, true), {
    uidWord: 'LinkedJobObject',
    what: 'linked job object',
    missing: (job, guid) => `The job ${job} links no job object ${guid}.`,
  });
  jobObjectRoutes(
    app,
    nasJobType,
    'includes',
    nasObjectsOf,
    (o) => nasObjectList(o, true),
    (o) => nasObject(o, true),
    {
      uidWord: 'NasObject',
      what: 'NAS object',
      missing: (job, guid) => `The file share job ${job} includes no object ${guid}.`,
    },
  );
  addRoute(app, {
    method: 'GET',
    url: '/api/jobs/:id/linkedBackupRepositories',
    handler: (req, reply) => {
      find(app, jobType, (req.params as { id: string }).id);
      return send(req, reply, linkedBackupRepositoryList());
    },
  });

  for (const type of resourceTypes) {
    addRoute(app, {
      method: 'GET',
      url: `/api/${type.path}`,
      handler: (req, reply) => {
        const now = app.clock.now();
        const entity = wantsEntity(req);
        return sendCached(req, reply, `${type.path}${entity ? '?format=Entity' : ''}`, now, () => {
          const items = type.listed ? type.listed(app.store, now) : type.collection(app.store).all();
          const until = listChangesAt(type, app.store, now);
          return entity
            ? { node: entityList(type, items, now), until: Math.min(until, entitiesChangeAt(type, items, now)) }
            : { node: referenceList(type, items, now), until };
        });
      },
    });

    const also = ALSO_AT[type.path];
    addRoute(app, {
      method: 'GET',
      url: `/api/${type.path}/:id`,
      handler: (req, reply) => {
        const raw = (req.params as { id: string }).id;
        const other = also && GUID.test(raw) ? also.collection(app.store).get(raw) : undefined;
        const [shown, item] = other && also ? [also, other] : [type, find(app, type, raw)];
        return send(
          req,
          reply,
          wantsEntity(req) ? shown.entity(item, app.clock.now()) : reference(shown, item, 'EntityRef'),
        );
      },
    });
  }
}
