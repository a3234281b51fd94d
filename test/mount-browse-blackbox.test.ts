import t from 'tap';
import { flowClient } from './flowClient.js';

/**
 * File-level restore as a client runs it over a real socket: mount, browse two levels by the
 * links the answers give, restore a file for download and fetch its bytes, unmount. The clock is
 * frozen and moved through the control plane, so nothing depends on real time.
 */

type Link = { Rel: string; Href: string };
type Entry = { Name: string; Href: string; Links: Link[]; Size?: number };

t.test('mount → browse two levels → restore a file for download → download → unmount', async (t) => {
  const { token, call, poll } = await flowClient(t);
  const finished = async (task: Record<string, any>) => {
    const done = await poll(task);
    t.match(done, { Result: { Success: true } });
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
