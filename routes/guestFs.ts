import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { addRoute } from '../src/routing.js';
import { send } from '../src/repr/send.js';
import { EmError } from '../src/errors.js';
import { param, rawQueryOf, splitQuery } from '../src/query/queryString.js';
import { positiveInt } from '../src/query/request.js';
import { loadFaker } from '../data/fake.js';
import { parseGuestPath, type FsEntry } from '../data/guestFs.js';
import { downloadReady, prepareDownload, type Mount } from '../data/mounts.js';
import { addTask } from '../data/taskLog.js';
import { taskEntity } from '../src/resources/task.js';
import {
  LIST_ACTIONS,
  encodeGuestPath,
  mountPath,
  fileSystemEntries,
  fileSystemEntry,
  type ListAction,
} from '../src/resources/guestFs.js';
import { readFileRestoreSpec } from '../src/specs/fileRestoreSpec.js';
import { findMount } from './mounts.js';

const GET_ACTIONS = [...(Object.keys(LIST_ACTIONS) as ListAction[]), 'download'] as const;

/** The request's `action` in EM's spelling, or a 400 naming the ones `allowed`. */
function actionOf<T extends string>(req: FastifyRequest, allowed: readonly T[]): T | undefined {
  const text = param(splitQuery(rawQueryOf(req.url)), 'action');
  if (text === undefined) return undefined;
  const action = allowed.find((a) => a.toLowerCase() === text.trim().toLowerCase());
  if (!action)
    throw new EmError(
      400,
      `Unknown action ${JSON.stringify(text.slice(0, 40))} for a ${req.method} on a guest file or folder: expected one of ${allowed.join(', ')}.`,
    );
  return action;
}

/** The mount and the guest entry the URL below it names: a 400 for a malformed path, a 404 for a missing one. */
async function findEntry(app: FastifyInstance, req: FastifyRequest): Promise<{ m: Mount; entry: FsEntry }> {
  const m = findMount(app, req);
  const text = (req.params as { '*': string })['*'];
  const parsed = parseGuestPath(m.fs.os, text);
  if ('error' in parsed)
    throw new EmError(400, `The guest path ${JSON.stringify(text.slice(0, 200))} is not valid: ${parsed.error}.`);
  await loadFaker();
  const entry = m.fs.find(parsed.root, parsed.names);
  if (!entry) {
    const shown = parsed.root === '/' ? `/${parsed.names.join('/')}` : [parsed.root, ...parsed.names].join('/');
    throw new EmError(
      404,
      `There is no file or folder ${JSON.stringify(shown.slice(0, 200))} in mount ${m.number} of the vm restore point ${m.point.id}.`,
    );
  }
  return { m, entry };
}

const notA = (entry: FsEntry, what: string) =>
  new EmError(400, `${JSON.stringify(entry.path.slice(0, 200))} is a ${entry.dir ? 'folder' : 'file'}, not a ${what}.`);

/** The bytes of a restored file: its path and point, repeated up to its size (streamed, so any size). */
function fileContent(m: Mount, file: FsEntry): Readable {
  const line = Buffer.from(`veeam-em-mock: ${file.path} from restore point ${m.point.id}\n`);
  const chunk = Buffer.alloc(64 * 1024);
  for (let i = 0; i < chunk.length; i += line.length) line.copy(chunk, i);
  return Readable.from(
    (function* () {
      for (let left = file.size; left > 0; left -= chunk.length) yield chunk.subarray(0, Math.min(left, chunk.length));
    })(),
  );
}

function download(m: Mount, file: FsEntry, now: number, reply: FastifyReply): FastifyReply {
  if (!downloadReady(m, file, now))
    throw new EmError(
      404,
      `${JSON.stringify(file.path.slice(0, 200))} is not ready for download: restore it with ForDirectDownload first and wait for its task to finish.`,
    );
  return reply
    .code(200)
    .header('content-type', 'application/octet-stream')
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`)
    .header('content-length', file.size)
    .send(fileContent(m, file));
}

/**
 * Browsing a mount (docs: GET /vmRestorePoints/{ID}/mounts/{ID}/{filepath}): a folder's own URL
 * lists all of it; `?action=listAll|listDirs|listFiles` with `pageSize`/`page` page through it;
 * a file's URL answers its `FileSystemEntry`; `?action=download` fetches a file restored for
 * download. `POST …?action=restore` restores a file or folder (a `FileRestoreFromMountPoint` task).
 */
export function browseRoutes(app: FastifyInstance): void {
  const url = '/api/vmRestorePoints/:id/mounts/:n/*';
  addRoute(app, {
    method: 'GET',
    url,
    handler: async (req, reply) => {
      const { m, entry } = await findEntry(app, req);
      const action = actionOf(req, GET_ACTIONS) ?? (entry.dir ? 'listAll' : undefined);
      if (action === 'download') {
        if (entry.dir) throw notA(entry, 'file (a folder is restored, not downloaded, here)');
        return download(m, entry, app.clock.now(), reply);
      }
      if (action === undefined) return send(req, reply, fileSystemEntry(m, entry));
      if (!entry.dir) throw notA(entry, 'folder to list');
      const params = splitQuery(rawQueryOf(req.url));
      const pageSize = positiveInt('pageSize', param(params, 'pageSize')) ?? LIST_ACTIONS[action];
      const page = positiveInt('page', param(params, 'page')) ?? 1;
      return send(req, reply, fileSystemEntries(m, entry, m.fs.list(entry), action, pageSize, page));
    },
  });
  addRoute(app, {
    method: 'POST',
    url,
    handler: async (req, reply) => {
      const { m, entry } = await findEntry(app, req);
      if (actionOf(req, ['restore'] as const) === undefined)
        throw new EmError(400, 'The action is missing: restore a guest file or folder with ?action=restore.');
      const spec = readFileRestoreSpec(req);
      const now = app.clock.now();
      const user = req.logon!.userName;
      const op = 'FileRestoreFromMountPoint';
      if (spec.kind === 'original') {
        const refused = spec.permissionsOnly && m.fs.os !== 'Windows';
        const message = refused ? 'Restoring permissions only is supported for Windows machines only.' : 'Ok';
        return send(
          req,
          reply,
          taskEntity(addTask(app.store, user, op, now, { success: !refused, message }), now),
          202,
        );
      }
      if (entry.dir) {
        // EM zips a downloaded folder (FLR_<date>_<time>.zip); the mock does not build archives.
        const message =
          'Downloading a folder is not simulated; download its files, or restore it to the original location.';
        return send(req, reply, taskEntity(addTask(app.store, user, op, now, { success: false, message }), now), 202);
      }
      // The docs' Download link spells a Windows path in lower case: EM matches it either way.
      const guest = encodeGuestPath(entry.path);
      const link = `${mountPath(m)}/${m.fs.os === 'Windows' ? guest.toLowerCase() : guest}?action=download`;
      const task = addTask(app.store, user, op, now, { success: true, message: 'Ok', download: link });
      prepareDownload(app.store, m, entry, task.endTime);
      return send(req, reply, taskEntity(task, now), 202);
    },
  });
}
