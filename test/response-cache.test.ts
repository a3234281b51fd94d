import t from 'tap';
import type { Test } from 'tap';
import type { FastifyInstance } from 'fastify';
import { build, get, logon, HOST, type Fmt } from './helper.js';
import { resourceTypes } from '../src/resources/index.js';
import { ResponseCache } from '../src/repr/responseCache.js';
import { withoutCaches } from './cacheEquivalence.js';

// Cached answers must be indistinguishable from built ones: every check compares the bytes a
// request gets with the caches on against the bytes built afresh with them (answers and item
// fragments) off, at the same instant. test/cache-equivalence.test.ts does so for every route.

const FORMATS: Fmt[] = ['xml', 'json'];

function fresh(app: FastifyInstance, token: string, url: string, fmt: Fmt, host = HOST) {
  return withoutCaches(app, () =>
    app.inject({
      method: 'GET',
      url,
      headers: { host, 'x-restsvcsessionid': token, ...(fmt === 'json' ? { accept: 'application/json' } : {}) },
    }),
  );
}

/** GETs twice with the cache on (the second answer is the cached one) and once with it off. */
async function same(t: Test, app: FastifyInstance, token: string, url: string, fmt: Fmt, label: string) {
  const first = await get(app, token, url, fmt);
  const cached = await get(app, token, url, fmt);
  const built = await fresh(app, token, url, fmt);
  t.equal(cached.statusCode, built.statusCode, `${label}: status`);
  t.equal(cached.headers['content-type'], built.headers['content-type'], `${label}: media type`);
  t.equal(cached.headers['content-length'], built.headers['content-length'], `${label}: length`);
  t.ok(first.rawPayload.equals(built.rawPayload) && cached.rawPayload.equals(built.rawPayload), `${label}: same bytes`);
  return built.body;
}

const QUERIES = [
  '/api/query?type=RestoreSession&pageSize=100',
  '/api/query?type=RestoreSession&format=Entities&pageSize=5&page=2&sortDesc=Name',
  '/api/query?type=RestoreSession&format=Entities&filter=State==Working',
  '/api/query?type=BackupJobSession&format=Entities&pageSize=10',
  '/api/query?type=Job&format=Entities',
  '/api/query?type=VmRestorePoint&pageSize=3',
];

t.test('every collection and query, in both formats, is byte-identical with the cache on and off', async (t) => {
  // The example dataset's small estate keeps every list short enough to render many times.
  const { app } = await build({ dataFile: 'data/example-dataset.json' });
  const token = await logon(app);
  for (const fmt of FORMATS) {
    for (const type of resourceTypes) {
      await same(t, app, token, `/api/${type.path}`, fmt, `${type.path} ${fmt}`);
      await same(t, app, token, `/api/${type.path}?format=Entity`, fmt, `${type.path} entities ${fmt}`);
    }
    for (const url of QUERIES) await same(t, app, token, url, fmt, `${url} ${fmt}`);
  }
  t.ok(app.responses.size > resourceTypes.length, 'and the cache was used');
});

t.test('a running clock never sees a stale progress step, end, or window edge', async (t) => {
  const { app, real } = await build({ restoreSessions: 5 });
  const token = await logon(app);
  // Runs 2.3 s: its progress moves every 23 ms; another ends just inside, one enters later.
  const now = app.clock.now();
  const model = app.store.restoreSessions.all()[0]!;
  app.store.restoreSessions.addAll(
    [
      [-100, 2300],
      [-2000, 2100],
      [1000, 500],
    ].map(([start, span], i) => ({
      ...model,
      id: `00000000-0000-0000-0000-00000000000${i}`,
      creationTime: now + start!,
      endTime: now + start! + span!,
    })),
  );
  const urls = [
    '/api/restoreSessions?format=Entity',
    '/api/restoreSessions',
    '/api/query?type=RestoreSession&format=Entities&filter=State==Working',
  ];
  const seen = new Set<string>();
  for (let step = 0; step < 160; step++) {
    real.now += 7 + (step % 5);
    for (const url of urls) {
      const cached = await get(app, token, url, 'json');
      const built = await fresh(app, token, url, 'json');
      if (cached.body !== built.body) {
        t.fail(`${url} stale at step ${step}`);
        return;
      }
      seen.add(built.body);
    }
  }
  t.ok(seen.size > 60, `the answers did change over time (${seen.size} distinct)`);
});

t.test('job, task and NAS session lists and the history lists follow a running clock exactly', async (t) => {
  const { app, real } = await build({
    estate: 'small',
    historyDays: 1,
    vmsPerRoot: 3,
    restoreSessions: 12,
    idleTimeoutMs: 100 * 86_400_000,
  });
  const token = await logon(app);
  const types = resourceTypes.filter((type) => type.listed || type.changesAt);
  // Walk the clock back to just before the latest backup run began, then through it in uneven
  // steps (seeded): its progress steps, its tasks, its restore points and its end all fall inside.
  const run = app.store.backupSessions.between(0, app.clock.now()).at(-1)!;
  real.now += run.creationTime - 1000 - app.clock.now();
  const span = run.endTime - run.creationTime + 2000;
  let x = 7;
  const seen = new Set<string>();
  for (let step = 0; step < 40; step++) {
    x = (x * 48271) % 2147483647;
    real.now += step % 4 === 0 ? 1 + (x % 7) : Math.round(((x % 1000) / 1000) * (span / 15));
    for (const type of types) {
      const url = `/api/${type.path}?format=Entity`;
      const cached = await get(app, token, url, 'json');
      const built = await fresh(app, token, url, 'json');
      if (cached.body !== built.body) {
        t.fail(`${url} stale at step ${step}`);
        return;
      }
      seen.add(built.body);
    }
  }
  t.ok(seen.size > types.length * 4, `the lists did change over time (${seen.size} distinct answers)`);
});

t.test('the window edge: the oldest session leaves exactly 30 days and a millisecond after it began', async (t) => {
  const { app, real } = await build({ restoreSessions: 40, idleTimeoutMs: 100 * 86_400_000 });
  const token = await logon(app);
  const url = '/api/restoreSessions';
  const sessions = app.store.restoreSessions.between(app.clock.now() - 30 * 86_400_000, app.clock.now());
  const oldest = sessions[0]!;
  await get(app, token, url);
  real.now += oldest.creationTime + 30 * 86_400_000 - app.clock.now();
  const before = (await get(app, token, url)).body;
  t.match(before, oldest.id, 'still listed at 30 days');
  real.now += 1;
  const after = (await get(app, token, url)).body;
  t.notMatch(after, oldest.id, 'gone a millisecond later');
  t.equal(after, (await fresh(app, token, url, 'xml')).body);
});

t.test('nothing cached before a change is served after it', async (t) => {
  const { app } = await build();
  const url = '/api/restoreSessions?format=Entity';
  const changes: [string, () => unknown][] = [
    ['a clock move', () => app.control.setClock({ advance: '3d' })],
    [
      'an injected session',
      () => app.control.addRestoreSessions({ vm: 'web-101', creationTime: '-1h', duration: '5m' }),
    ],
    [
      'a deleted session',
      () => app.control.deleteRestoreSession(app.store.restoreSessions.between(0, app.clock.now()).at(-1)!.id),
    ],
    [
      'an action (a mutation through the store)',
      () => {
        const s = app.store.restoreSessions.between(0, app.clock.now()).at(-1)!;
        app.store.restoreSessions.remove(s.id);
        app.store.restoreSessions.add({ ...s, name: `${s.name} (renamed)` });
      },
    ],
    ['a reset to another seed', () => app.control.reset({ seed: 99 })],
  ];
  let token = await logon(app);
  for (const [name, change] of changes) {
    const before = await Promise.all(FORMATS.map((fmt) => same(t, app, token, url, fmt, `before ${name} (${fmt})`)));
    change();
    // A reset drops logon sessions.
    if (app.logons.list().length === 0) token = await logon(app);
    for (const [i, fmt] of FORMATS.entries()) {
      const after = await same(t, app, token, url, fmt, `after ${name} (${fmt})`);
      t.not(after, before[i], `${name} changed the answer (${fmt})`);
    }
  }
});

t.test('a fault rule added after an answer was cached applies to the next request', async (t) => {
  const { app } = await build();
  const token = await logon(app);
  const url = '/api/restoreSessions?format=Entity';
  await same(t, app, token, url, 'xml', 'cached');
  app.control.faults.add({ path: '/api/restoreSessions', action: 'empty', status: 200 });
  const faulty = await get(app, token, url);
  t.equal(faulty.statusCode, 200);
  t.equal(faulty.body, '', 'the fault, not the cached body');
  app.control.faults.clear();
  await same(t, app, token, url, 'xml', 'after the rule is gone');
});

t.test('another Host or public base URL gets its own Hrefs', async (t) => {
  const { app } = await build();
  const token = await logon(app);
  const url = '/api/restoreSessions';
  const a = await fresh(app, token, url, 'xml', 'a.test:9398');
  await get(app, token, url);
  const viaA = await app.inject({ method: 'GET', url, headers: { host: 'a.test:9398', 'x-restsvcsessionid': token } });
  t.equal(viaA.body, a.body);
  t.match(viaA.body, 'http://a.test:9398/api/restoreSessions/');
  app.config.publicBaseUrl = 'https://em.example.com:9398';
  const pub = await get(app, token, url);
  t.match(pub.body, 'https://em.example.com:9398/api/restoreSessions/');
  t.notMatch(pub.body, HOST);
});

t.test('an embedder switching the EM style gets answers in the new style', async (t) => {
  const { app } = await build();
  const token = await logon(app);
  const urls = ['/api/restoreSessions?format=Entity', '/api/query?type=RestoreSession&pageSize=2&page=2&sortDesc=Name'];
  for (const url of urls) {
    for (const fmt of FORMATS) await same(t, app, token, url, fmt, `${url} ${fmt} (EM 12)`);
    const twelve = (await get(app, token, url, 'json')).body;
    app.config.emStyle = '9.5';
    const old = await same(t, app, token, url, 'json', `${url} (9.5)`);
    t.not(old, twelve, `${url}: another answer in the 9.5 style`);
    app.config.emStyle = '12';
  }
});

t.test('the cache holds a bounded number of answers and drops stale ones', async (t) => {
  const cache = new ResponseCache();
  const body = Buffer.from('x');
  for (let i = 0; i < 2000; i++) cache.set(`k${i}`, 1, 0, Infinity, body);
  t.equal(cache.size, 512, 'capped in count');
  t.equal(cache.get('k0', 1, 0), undefined, 'the oldest went first');
  t.equal(cache.get('k1999', 1, 0), body);
  t.equal(cache.get('k1999', 2, 0), undefined, 'another epoch misses');
  t.equal(cache.get('k1999', 1, 0), undefined, 'and the stale entry is gone');
  cache.set('t', 1, 100, 200, body);
  t.equal(cache.get('t', 1, 99), undefined, 'before it was built (a clock moved back) misses');
  cache.set('t', 1, 100, 200, body);
  t.equal(cache.get('t', 1, 150), body);
  t.equal(cache.get('t', 1, 200), undefined, 'at its end it misses');
  const big = Buffer.alloc(10 * 1024 * 1024);
  for (let i = 0; i < 8; i++) cache.set(`big${i}`, 1, 0, Infinity, big);
  t.equal(cache.get('big0', 1, 0), undefined, 'capped in bytes');
  t.equal(cache.get('big7', 1, 0), big);
  cache.set('huge', 1, 0, Infinity, Buffer.alloc(20 * 1024 * 1024));
  t.equal(cache.get('huge', 1, 0), undefined, 'an answer larger than a quarter of the budget is not kept');
  cache.enabled = false;
  cache.set('off', 1, 0, Infinity, body);
  t.equal(cache.get('big7', 1, 0), undefined, 'off: nothing served');
  cache.enabled = true;
  t.equal(cache.get('off', 1, 0), undefined, 'off: nothing kept');
});
