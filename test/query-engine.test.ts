import t from 'tap';
import { Collection } from '../data/collection.js';
import { runQuery, type QueryPlan } from '../src/query/engine.js';
import { compileFilter, FieldSet } from '../src/query/compile.js';
import { parseFilter } from '../src/query/filterParser.js';
import type { QueryField } from '../src/query/fields.js';

interface Row {
  id: string;
  t: number;
  g: string;
}

// Few distinct times and groups, so ties are everywhere.
const rows: Row[] = [];
for (let i = 0; i < 200; i++) {
  const id = ((i * 7919) % 1000).toString(16).padStart(4, '0');
  rows.push({ id, t: 1000 * ((i * 31) % 9), g: ['b', 'A', 'c'][i % 3]! });
}
const collection = new Collection<Row>((r) => r.t);
collection.addAll(rows);

const time: QueryField<Row> = { name: 'Time', kind: 'number', timeKey: true, get: (r) => r.t };
const group: QueryField<Row> = { name: 'Group', kind: 'string', get: (r) => r.g };
const fields = new FieldSet([time, group]);

function oracle(items: Row[], key: (r: Row) => string | number, desc: boolean): string[] {
  return [...items]
    .sort((a, b) => {
      const ka = key(a);
      const kb = key(b);
      const c = ka < kb ? -1 : ka > kb ? 1 : 0;
      return (desc ? -c : c) || (a.id < b.id ? -1 : 1);
    })
    .map((r) => r.id);
}

function pages(plan: Omit<QueryPlan<Row>, 'page'>, size: number): string[] {
  const out: string[] = [];
  for (let p = 1; ; p++) {
    const page = runQuery(collection, { ...plan, pageSize: size, page: p }, Infinity);
    out.push(...page.items.map((r) => r.id));
    if (p >= page.pagesCount) return out;
  }
}

t.test('sorting on the time key: whole runs of equal times are ordered by id', async (t) => {
  for (const desc of [false, true]) {
    for (const size of [1, 7, 13, 200]) {
      t.equal(
        pages({ sort: { field: time, desc } }, size).join(),
        oracle(rows, (r) => r.t, desc).join(),
        `desc=${desc} size=${size}`,
      );
    }
  }
});

t.test('sorting on another field, case-insensitively, ties by id', async (t) => {
  for (const desc of [false, true]) {
    t.equal(pages({ sort: { field: group, desc } }, 11).join(), oracle(rows, (r) => r.g.toLowerCase(), desc).join());
  }
});

t.test('a time range is read from the store by binary search and still filtered exactly', async (t) => {
  const filter = compileFilter(parseFilter('Time>2000;Time<=6000;Group==a'), fields, 'Row');
  t.same(filter.range, { from: 2001, to: 6000 }, 'whole milliseconds: > is >= the next one');
  const want = rows.filter((r) => r.t > 2000 && r.t <= 6000 && r.g === 'A');
  const page = runQuery(collection, { filter, page: 1 }, Infinity);
  t.equal(page.total, want.length);
  t.same(page.items.map((r) => r.id).sort(), want.map((r) => r.id).sort());
  const empty = compileFilter(parseFilter('Time>6000;Time<2000'), fields, 'Row');
  t.same(runQuery(collection, { filter: empty, page: 1 }, Infinity), {
    items: [],
    total: 0,
    pageNum: 1,
    pageSize: 100,
    pagesCount: 1,
  });
});

t.test('without a sort the store order holds; unpaged results are one page', async (t) => {
  const page = runQuery(collection, { page: 1 }, Infinity);
  t.equal(
    page.items.map((r) => r.id).join(),
    collection
      .all()
      .map((r) => r.id)
      .join(),
  );
  t.same([page.total, page.pageSize, page.pagesCount], [200, 200, 1]);
  t.same(runQuery(collection, { page: 3, pageSize: 90 }, Infinity).items.length, 20);
  t.same(runQuery(collection, { page: 4, pageSize: 90 }, Infinity).items, []);
});

t.test('objects timed after the clock do not exist yet, filtered or not', async (t) => {
  const now = 5000;
  const want = rows.filter((r) => r.t <= now);
  t.equal(runQuery(collection, { page: 1 }, now).total, want.length);
  const filter = compileFilter(parseFilter('Group==a'), fields, 'Row');
  t.equal(runQuery(collection, { filter, page: 1 }, now).total, want.filter((r) => r.g === 'A').length);
});

t.test('compareFolded orders as comparing lower-cased copies would, ASCII or not', async (t) => {
  const { compareFolded } = await import('../src/query/fields.js');
  const alphabet = ['a', 'B', 'z', 'Z', '[', '_', '@', '0', ' ', 'é', 'É', 'İ', 'ß', 'Σ'];
  const words: string[] = [''];
  for (let i = 0; i < 400; i++) {
    let w = '';
    for (let n = (i * 7) % 6; n >= 0; n--) w += alphabet[(i * 31 + n * 17) % alphabet.length]!;
    words.push(w, w.toUpperCase(), w.slice(1));
  }
  const sign = (n: number) => Math.sign(n);
  let checked = 0;
  for (const a of words.slice(0, 300)) {
    for (const b of words.slice(0, 300)) {
      const x = a.toLowerCase();
      const y = b.toLowerCase();
      if (sign(compareFolded(a, b)) !== (x < y ? -1 : x > y ? 1 : 0))
        t.fail(`${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
      checked++;
    }
  }
  t.equal(checked, 90_000);
  t.equal(compareFolded('Web-101@2026', 'web-101@2026'), 0);
  t.equal(compareFolded('İ', 'i'), 1, 'U+0130 lower-cases to two characters');
});

t.test('a filter that only bounds the time key is answered from the store window, same rows', async (t) => {
  for (const f of ['Time>2000;Time<=6000', 'Time>=3000', 'Time<3000', 'Time==4000', 'Time>8000']) {
    const filter = compileFilter(parseFilter(f), fields, 'Row');
    t.equal(filter.exact, true, f);
    const got = runQuery(collection, { filter, page: 1 }, Infinity).items.map((r) => r.id);
    const want = collection
      .all()
      .filter((r) => filter.test(r, 0))
      .map((r) => r.id);
    t.same(got, want, `${f}: the same rows, in store order`);
  }
});
