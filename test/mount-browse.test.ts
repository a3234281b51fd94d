import t from 'tap';
import { BASE, build, get, logon } from './helper.js';
import { act, guid, EM_NS } from './actionHelper.js';
import { matchExpected } from './expected.js';
import { parseGuestPath } from '../data/guestFs.js';

type App = Awaited<ReturnType<typeof build>>['app'];
type Link = { Rel: string; Href: string };
type Entry = { Path: string; Name: string; Href: string; Links: Link[] | null; Size?: number };

const json = async (app: App, token: string, url: string) => {
  const res = await get(app, token, url, 'json');
  if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
  return JSON.parse(res.body) as Record<string, any>;
};
const local = (href: string) => href.slice(BASE.length);
const message = (res: { body: string }) => JSON.parse(res.body).Message as string;

/** The newest restore point of the generated VM whose name starts with `vm` (`file-104`, `web-101`). */
async function pointOf(app: App, token: string, vm: string): Promise<string> {
  const q = await json(app, token, '/api/query?type=VmRestorePoint&format=Entities&sortDesc=CreationTime&pageSize=500');
  const points = q.Entities.VmRestorePoints.VmRestorePoints as { UID: string; Name: string }[];
  return guid(points.find((p) => p.Name.startsWith(`${vm}@`))!.UID);
}

/** Mounts the point and lets the mount task finish; answers the mount's path below the host. */
async function mounted(app: App, real: { now: number }, token: string, point: string): Promise<string> {
  const task = await act(app, token, `/api/vmRestorePoints/${point}/mounts`, { fmt: 'json' });
  real.now += 2000;
  const related = (await json(app, token, `/api/tasks/${JSON.parse(task.body).TaskId}`)).Links.find(
    (l: Link) => l.Rel === 'Related',
  );
  return local(related.Href);
}

const entries = (list: Record<string, any>): Entry[] => [
  ...(list.Directories?.DirectoryEntries ?? []),
  ...(list.Files?.FileEntries ?? []),
];
const named = (list: Record<string, any>, name: string) => entries(list).find((e) => e.Name === name)!;
const down = (e: Entry, action: string) =>
  local(e.Links!.find((l) => l.Rel === 'Down' && l.Href.includes(action))!.Href);

t.test('a Windows mount: roots, then folders in pages and files by their entries, as the 13.1 samples', async (t) => {
  const { app, real } = await build();
  const token = await logon(app);
  const point = await pointOf(app, token, 'file-104');
  const mount = await mounted(app, real, token, point);
  matchExpected(t, (await get(app, token, mount)).body, 'mounts/windows-mount', 'xml');
  const roots = (await json(app, token, mount)).FSRoots.DirectoryEntries as Entry[];
  t.same(
    roots.map((r) => [r.Path, r.Name]),
    [
      ['C:', 'C:'],
      ['E:', 'E:'],
    ],
    'the system volume and the file server role data volume',
  );

  // A root's own URL lists it all (listAll, 100 a page); it has no Up link.
  const e = await json(app, token, local(roots[1]!.Href));
  t.match(e.Href, /\/mounts\/1\/E:\?action=listAll&pageSize=100&page=1$/);
  t.equal(e.Links, null);
  const shares = named(e, 'Shares');
  t.same(
    shares.Links!.map((l) => l.Href.slice(l.Href.lastIndexOf('/') + 1)),
    [
      'E:?action=listAll&pageSize=100&page=1',
      'Shares?action=listAll&pageSize=100&page=1',
      'Shares?action=listDirs&pageSize=10&page=1',
      'Shares?action=listFiles&pageSize=10&page=1',
      'Shares?action=restore',
    ],
    'Up, three Down listings, Restore',
  );

  // Second level: the shares, two to a page; page 2 has First, Previous, Next and Last.
  const page2 = `${local(shares.Href)}?action=listDirs&pageSize=2&page=2`;
  matchExpected(t, (await get(app, token, page2)).body, 'mounts/list-dirs', 'xml');
  matchExpected(t, (await get(app, token, page2, 'json')).body, 'mounts/list-dirs', 'json');

  // A non-ASCII folder name is percent-encoded as UTF-8 in its Href, and that Href resolves.
  const all = await json(app, token, down(shares, 'listDirs'));
  const board = named(all, 'Geschäftsführung');
  t.match(board.Href, /\/E:\/Shares\/Gesch%C3%A4ftsf%C3%BChrung$/);
  const files = await json(app, token, down(board, 'listFiles'));
  t.equal(files.Directories, null, 'listFiles leaves Directories out');
  t.equal(files.PagingInfo.PageSize, 10);
  matchExpected(
    t,
    (await get(app, token, `${local(board.Href)}?action=listFiles&pageSize=3`)).body,
    'mounts/list-files',
    'xml',
  );

  // A file's own URL answers its FileSystemEntry.
  const file = (files.Files.FileEntries as Entry[])[0]!;
  matchExpected(t, (await get(app, token, local(file.Href))).body, 'mounts/file-entry', 'xml');
  matchExpected(t, (await get(app, token, local(file.Href), 'json')).body, 'mounts/file-entry', 'json');
  await app.close();
});

t.test('paths: Windows names match in any case and with backslashes; Linux from / with %2F or //', async (t) => {
  const { app, real } = await build();
  const token = await logon(app);
  const win = await mounted(app, real, token, await pointOf(app, token, 'file-104'));
  const users = await json(app, token, `${win}/C:/Users`);
  for (const spelling of ['c:/USERS', 'C:%5CUsers', 'C:/Users/', 'c:\\users'])
    t.same(await json(app, token, `${win}/${spelling}`), users, spelling);
  t.same(
    entries(users).map((u) => u.Name),
    ['Administrator', 'Default', 'f.daniel', 'g.sanford', 'Public'],
    'fixed accounts and faker-made ones, sorted as Windows sorts names',
  );

  const linux = await mounted(app, real, token, await pointOf(app, token, 'web-101'));
  const root = (await json(app, token, linux)).FSRoots.DirectoryEntries as Entry[];
  t.same(
    root.map((r) => [r.Path, local(r.Href).slice(linux.length)]),
    [['/', '/%2F']],
  );
  const etc = await json(app, token, `${linux}/%2Fetc?action=listFiles`);
  t.same(
    (etc.Files.FileEntries as Entry[]).map((f) => f.Path),
    ['/etc/fstab', '/etc/group', '/etc/hostname', '/etc/hosts', '/etc/os-release', '/etc/passwd', '/etc/resolv.conf'],
  );
  t.same(
    await json(app, token, `${linux}//etc?action=listFiles`),
    etc,
    'a doubled slash is folded away, the path still from /',
  );
  t.same(await json(app, token, `${linux}/etc?action=listFiles`), etc);
  t.equal((await get(app, token, `${linux}/ETC`)).statusCode, 404, 'Linux names are case-sensitive');
  matchExpected(t, (await get(app, token, `${linux}/%2Fvar/www/html`, 'json')).body, 'mounts/linux-list-all', 'json');
  await app.close();
});

t.test('bad paths, actions and paging are EM errors naming the problem; nothing changes', async (t) => {
  const { app, real } = await build();
  const token = await logon(app);
  const point = await pointOf(app, token, 'file-104');
  const win = await mounted(app, real, token, point);
  const epoch = app.store.epoch;
  const cases: [string, number, string][] = [
    ['Users', 400, 'The guest path "Users" is not valid: a Windows guest path starts with a drive, such as C:.'],
    [
      'C:/a%3Fb',
      400,
      'The guest path "C:/a?b" is not valid: "a?b" holds a character the guest OS does not allow in a name.',
    ],
    ['Q:', 404, `There is no file or folder "Q:" in mount 1 of the vm restore point ${point}.`],
    [
      'C:/Users/nobody',
      404,
      `There is no file or folder "C:/Users/nobody" in mount 1 of the vm restore point ${point}.`,
    ],
    [
      'C:/pagefile.sys/x',
      404,
      `There is no file or folder "C:/pagefile.sys/x" in mount 1 of the vm restore point ${point}.`,
    ],
    [
      'C:?action=browse',
      400,
      'Unknown action "browse" for a GET on a guest file or folder: expected one of listAll, listDirs, listFiles, download.',
    ],
    ['C:/pagefile.sys?action=listAll', 400, '"C:/pagefile.sys" is a file, not a folder to list.'],
    ['C:?action=download', 400, '"C:" is a folder, not a file (a folder is restored, not downloaded, here).'],
    ['C:?action=listAll&pageSize=0', 400, 'Query parameter pageSize must be 1 or more; got 0.'],
    ['C:?action=listDirs&page=x', 400, 'Query parameter page must be a whole number; "x" is not.'],
    [
      'C:/pagefile.sys?action=download',
      404,
      '"C:/pagefile.sys" is not ready for download: restore it with ForDirectDownload first and wait for its task to finish.',
    ],
  ];
  for (const [path, status, text] of cases) {
    const res = await get(app, token, `${win}/${path}`, 'json');
    t.equal(res.statusCode, status, path);
    t.equal(message(res), text, path);
  }
  const put = await act(app, token, `${win}/C:/Users`, { method: 'PUT', fmt: 'json' });
  t.equal(put.statusCode, 405);
  t.equal(put.headers.allow, 'GET, HEAD, POST');
  // Past the last page: no items, Previous leads back to the last page.
  const past = await json(app, token, `${win}/C:?action=listAll&pageSize=4&page=9`);
  t.same([past.Files.FileEntries, past.Directories.DirectoryEntries], [[], []]);
  t.match(past.PagingInfo, { PageNum: 9, PagesCount: 2 });
  t.match(
    past.PagingInfo.Links.map((l: Link) => l.Rel),
    ['First', 'Previous', 'Last'],
  );
  t.match(past.PagingInfo.Links[1].Href, /page=2$/);
  const empty = await json(app, token, `${win}/C:/PerfLogs`);
  t.same([empty.Files.FileEntries, empty.Directories.DirectoryEntries, empty.PagingInfo.PagesCount], [[], [], 1]);
  t.equal(app.store.epoch, epoch, 'browsing changes nothing');

  // Mounts belong to their logon session, and an unmounted mount cannot be browsed.
  const other = await logon(app);
  t.equal((await get(app, other, `${win}/C:`)).statusCode, 404);
  t.equal((await act(app, token, win, { method: 'DELETE' })).statusCode, 204);
  const gone = await get(app, token, `${win}/C:/Users`, 'json');
  t.equal(gone.statusCode, 404);
  t.equal(message(gone), `There is no mount "1" of the vm restore point ${point} in this logon session.`);
  t.equal(
    (await act(app, token, `${win}/C:/Users?action=restore`, { body: { ForDirectDownload: {} } })).statusCode,
    404,
  );
  await app.close();
});

t.test('guest paths are read as EM addresses entries: no . or .., no names the guest OS refuses', async (t) => {
  t.same(parseGuestPath('Windows', 'c:\\Users\\Public/'), { root: 'C:', names: ['Users', 'Public'] });
  t.same(parseGuestPath('Linux', 'etc/ssh'), { root: '/', names: ['etc', 'ssh'] });
  t.same(parseGuestPath('Linux', '/'), { root: '/', names: [] });
  // URL parsers fold `..` away before a route sees it; a path that still holds one is refused.
  for (const [os, path] of [
    ['Windows', 'C:/Users/../Windows'],
    ['Linux', '/etc/./hosts'],
  ] as const)
    t.same(parseGuestPath(os, path), { error: 'the names . and .. are not accepted' }, path);
  t.same(parseGuestPath('Linux', '/etc/a\u0000b'), {
    error: '"a\\u0000b" holds a character the guest OS does not allow in a name',
  });
  t.same(parseGuestPath('Windows', ''), { error: 'a Windows guest path starts with a drive, such as C:' });
});

t.test(
  'restore a file for download: task with a Download link, then the bytes; to the original location',
  async (t) => {
    const { app, real } = await build();
    const token = await logon(app);
    const win = await mounted(app, real, token, await pointOf(app, token, 'file-104'));
    const file = (await json(app, token, `${win}/C:/Windows?action=listFiles`)).Files.FileEntries.find(
      (f: Entry) => f.Name === 'win.ini',
    ) as Entry;
    const restore = local(file.Links!.find((l) => l.Rel === 'Restore')!.Href);
    const res = await act(app, token, restore, {
      body: `<?xml version="1.0" encoding="utf-8"?><FileRestoreSpec ${EM_NS}><ForDirectDownload/></FileRestoreSpec>`,
    });
    t.equal(res.statusCode, 202);
    t.match(res.body, /<State>Running<\/State><Operation>FileRestoreFromMountPoint<\/Operation><\/Task>$/);
    t.equal(
      (await get(app, token, `${win}/C:/Windows/win.ini?action=download`)).statusCode,
      404,
      'not before its task ends',
    );
    real.now += 2000;
    const taskUrl = `/api/tasks/${/<TaskId>(task-\d+)</.exec(res.body)![1]}`;
    matchExpected(t, (await get(app, token, taskUrl)).body, 'mounts/restore-task-finished', 'xml');
    matchExpected(t, (await get(app, token, taskUrl, 'json')).body, 'mounts/restore-task-finished', 'json');
    const link = (await json(app, token, taskUrl)).Links.find((l: Link) => l.Rel === 'Download').Href as string;
    t.match(link, /\/mounts\/1\/c:\/windows\/win\.ini\?action=download$/, 'the docs spell the path in lower case');
    const bytes = await app.inject({
      url: local(link),
      headers: { host: 'em.test:9398', 'x-restsvcsessionid': token },
    });
    t.equal(bytes.statusCode, 200);
    t.equal(bytes.headers['content-type'], 'application/octet-stream');
    t.equal(bytes.headers['content-disposition'], "attachment; filename*=UTF-8''win.ini");
    t.equal(bytes.rawPayload.length, file.Size);
    t.equal(Number(bytes.headers['content-length']), file.Size);
    t.match(bytes.body, /^veeam-em-mock: C:\/Windows\/win\.ini from restore point /);

    // To the original location: Overwrite as an XML attribute, or JSON members; credentials optional.
    const original = [
      `<FileRestoreSpec ${EM_NS}><ToOriginalLocation Overwrite="true"><GuestCredentials><UserName xml:space="preserve">fs\\admin</UserName><Password>pw</Password></GuestCredentials></ToOriginalLocation></FileRestoreSpec>`,
      { ToOriginalLocation: { Overwrite: false, PermissionsOnly: true } },
      `<FileRestoreSpec ${EM_NS}><ToOriginalLocation/></FileRestoreSpec>`,
    ];
    for (const body of original) t.equal((await act(app, token, restore, { body })).statusCode, 202);
    real.now += 2000;
    const tasks = (await json(app, token, '/api/tasks')).Tasks as { Result: { Success: boolean; Message: string } }[];
    t.same(
      tasks.slice(-3).map((x) => x.Result),
      Array(3).fill({ Success: true, Message: 'Ok' }),
    );
    await app.close();
  },
);

t.test('what the backup server refuses is reported in the task; a malformed FileRestoreSpec is a 400', async (t) => {
  const { app, real } = await build();
  const token = await logon(app);
  const linux = await mounted(app, real, token, await pointOf(app, token, 'web-101'));
  const refusals: [string, object, string][] = [
    [
      '%2Fetc/hosts',
      { ToOriginalLocation: { PermissionsOnly: true } },
      'Restoring permissions only is supported for Windows machines only.',
    ],
    [
      '%2Fetc',
      { ForDirectDownload: {} },
      'Downloading a folder is not simulated; download its files, or restore it to the original location.',
    ],
  ];
  for (const [path, body, text] of refusals) {
    const res = await act(app, token, `${linux}/${path}?action=restore`, { body, fmt: 'json' });
    t.equal(res.statusCode, 202);
    real.now += 2000;
    t.match(await json(app, token, `/api/tasks/${JSON.parse(res.body).TaskId}`), {
      Result: { Success: false, Message: text },
    });
  }
  // A Linux path keeps its case in the Download link (only Windows names match in any case).
  const hosts = await act(app, token, `${linux}/%2Fetc/hosts?action=restore`, {
    body: { ForDirectDownload: {} },
    fmt: 'json',
  });
  real.now += 2000;
  const links = (await json(app, token, `/api/tasks/${JSON.parse(hosts.body).TaskId}`)).Links as Link[];
  t.match(links.find((l) => l.Rel === 'Download')!.Href, /\/mounts\/1\/%2Fetc\/hosts\?action=download$/);
  const tasks = app.store.tasks.length;
  const bad: [string, object | string, string][] = [
    [
      '%2Fetc/hosts',
      { ForDirectDownload: {} },
      'The action is missing: restore a guest file or folder with ?action=restore.',
    ],
    [
      '%2Fetc/hosts?action=download',
      { ForDirectDownload: {} },
      'Unknown action "download" for a POST on a guest file or folder: expected one of restore.',
    ],
    [
      '%2Fetc/hosts?action=restore',
      {},
      'FileRestoreSpec needs ToOriginalLocation (restore to the VM) or ForDirectDownload (download the file).',
    ],
    [
      '%2Fetc/hosts?action=restore',
      { ForDirectDownload: {}, ToOriginalLocation: {} },
      'FileRestoreSpec must hold either ToOriginalLocation or ForDirectDownload, not both.',
    ],
    [
      '%2Fetc/hosts?action=restore',
      { ToOriginalLocation: { Overwrite: 'yes' } },
      'FileRestoreSpec.ToOriginalLocation.Overwrite must be true or false, got "yes".',
    ],
    [
      '%2Fetc/hosts?action=restore',
      { ToOriginalLocation: { GuestCredentials: { UserName: 'root' } } },
      'FileRestoreSpec.ToOriginalLocation.GuestCredentials.Password is required.',
    ],
    [
      '%2Fetc/hosts?action=restore',
      `<RestoreSpec ${EM_NS}/>`,
      'The request body must be a FileRestoreSpec document, not RestoreSpec.',
    ],
    [
      '%2Fetc/nothing?action=restore',
      { ForDirectDownload: {} },
      `There is no file or folder "/etc/nothing" in mount 1 of the vm restore point ${linux.split('/')[3]}.`,
    ],
  ];
  for (const [path, body, text] of bad) {
    const res = await act(app, token, `${linux}/${path}`, { body, fmt: 'json' });
    t.equal(message(res), text, text);
  }
  t.equal(app.store.tasks.length, tasks, 'a refused request makes no task');
  await app.close();
});

t.test('the tree is the seed’s: the same answers in a new app, and in a second mount of the VM', async (t) => {
  const read = async () => {
    const { app, real } = await build();
    const token = await logon(app);
    const point = await pointOf(app, token, 'sql-103');
    const first = await mounted(app, real, token, point);
    const second = await mounted(app, real, token, point);
    const body = (m: string) => get(app, token, `${m}/D:/SQLData?action=listFiles`, 'json').then((r) => r.body);
    const [a, b] = [await body(first), await body(second)];
    await app.close();
    return [a, b.replaceAll('/mounts/2/', '/mounts/1/')];
  };
  const [a, b] = await read();
  t.equal(a, b, 'a second mount of the same point shows the same files');
  t.same(await read(), [a, b], 'another app with the same seed answers the same bytes');
  t.match(JSON.parse(a!).Files.FileEntries[0], { Path: 'D:/SQLData/Inventory.mdf', Size: Number });
});

t.test('every link below a mount resolves (a crawl of a few hundred pages)', async (t) => {
  const { app, real } = await build();
  const token = await logon(app);
  const mount = await mounted(app, real, token, await pointOf(app, token, 'mail-106'));
  const seen = new Set<string>([mount]);
  const queue = [mount];
  let fetched = 0;
  while (queue.length > 0 && fetched < 300) {
    const url = queue.shift()!;
    const res = await get(app, token, url, 'json');
    fetched++;
    if (res.statusCode !== 200) t.fail(`${url}: ${res.statusCode}`);
    for (const m of res.body.matchAll(/"Href":"([^"]+)"/g)) {
      const next = local(m[1]!);
      if (next.includes('action=restore') || next.startsWith('/api/vmRestorePoints/') === false || seen.has(next))
        continue;
      seen.add(next);
      queue.push(next);
    }
  }
  t.equal(fetched, 300, 'the crawl ran its whole budget');
  t.ok(
    [...seen].some((u) => u.includes('Mailbox%20Database')),
    'it reached the role data volume',
  );
  await app.close();
});
