import t from 'tap';
import { startMockServer } from '../src/index.js';

/**
 * File-level restore as a client runs it over a real socket: mount, browse two levels by the
 * links the answers give, restore a file for download and fetch its bytes, unmount. The clock is
 * frozen and moved through the control plane, so nothing depends on real time.
 */

type Link = { Rel: string; Href: string };
type Entry = { Name: string; Href: string; Links: Link[]; Size?: number };

t.test('mount → browse two levels → restore a file for download → download → unmount', async (t) => {
  const server = await startMockServer({ seed: 1, clockStart: '2026-11-29T12:00:00Z', restoreSessions: 20 });
  t.teardown(() => server.close());
  const base = `http://127.0.0.1:${server.port}`;
  const control = (body: object) =>
    fetch(`${base}/__mock/clock`, {
      method: 'PUT',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
    });
  await control({ frozen: true });
  const logon = await fetch(`${base}/api/sessionMngr/?v=latest`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from('admin:admin').toString('base64')}` },
  });
  const token = logon.headers.get('x-restsvcsessionid')!;
  const call = async (method: string, url: string, body?: object) => {
    const res = await fetch(url.startsWith('http') ? url : `${base}/api/${url}`, {
      method,
      headers: {
        'x-restsvcsessionid': token,
        accept: 'application/json',
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : {}) as Record<string, any> };
  };
  const finished = async (task: Record<string, any>) => {
    await control({ advance: '2s' });
    const done = (await call('GET', task.Href)).body;
    t.match(done, { State: 'Finished', Result: { Success: true } });
    return done.Links as Link[];
  };

  const points = (await call('GET', 'query?type=VmRestorePoint&format=Entities&pageSize=500')).body.Entities
    .VmRestorePoints.VmRestorePoints as { UID: string; Name: string }[];
  const point = points
    .find((p) => p.Name.startsWith('mail-106@'))!
    .UID.split(':')
    .pop();
  const mountTask = await call('POST', `vmRestorePoints/${point}/mounts`, {});
  t.equal(mountTask.status, 202);
  const mountHref = (await finished(mountTask.body)).find((l) => l.Rel === 'Related')!.Href;
  const roots = (await call('GET', mountHref)).body.FSRoots.DirectoryEntries as Entry[];
  t.same(
    roots.map((r) => r.Name),
    ['C:', 'D:'],
  );

  // Level 1: the data volume's own URL lists it; level 2: a folder whose name has spaces.
  const volume = (await call('GET', roots[1]!.Href)).body;
  const dbs = volume.Directories.DirectoryEntries.find((d: Entry) => d.Name === 'ExchangeDatabases') as Entry;
  const listAll = dbs.Links.find((l) => l.Rel === 'Down' && l.Href.includes('listAll'))!.Href;
  const databases = (await call('GET', listAll)).body;
  const db = databases.Directories.DirectoryEntries[0] as Entry;
  t.match(db.Href, /\/D:\/ExchangeDatabases\/Mailbox%20Database%20\d+$/);
  const files = (await call('GET', db.Links.find((l) => l.Href.includes('listFiles'))!.Href)).body.Files
    .FileEntries as Entry[];
  const file = files.find((f) => f.Name === 'E00.chk')!;

  // Restore it for download; the finished task links the bytes.
  const restore = file.Links.find((l) => l.Rel === 'Restore')!.Href;
  const task = await call('POST', restore, { ForDirectDownload: {} });
  t.match(task.body, { Operation: 'FileRestoreFromMountPoint', State: 'Running' });
  const download = (await finished(task.body)).find((l) => l.Rel === 'Download')!.Href;
  const res = await fetch(download, { headers: { 'x-restsvcsessionid': token } });
  t.equal(res.status, 200);
  t.equal(res.headers.get('content-length'), String(file.Size));
  t.equal(res.headers.get('transfer-encoding'), null, 'not chunked');
  t.equal((await res.arrayBuffer()).byteLength, file.Size);

  // Unmount: the mount and everything below it are gone.
  t.equal((await call('DELETE', mountHref)).status, 204);
  t.equal((await call('GET', db.Href)).status, 404);
  t.equal((await call('GET', download)).status, 404);
});
