import t from 'tap';
import fc from 'fast-check';
import { build, CLOCK_START } from './helper.js';
import { runQuery, type IndexUse, type QueryPlan } from '../src/query/engine.js';
import { compileFilter, FieldSet } from '../src/query/compile.js';
import { parseFilter } from '../src/query/filterParser.js';
import { collectionIndex, INDEXED_FROM } from '../src/query/fieldIndex.js';
import type { QueryField } from '../src/query/fields.js';
import { resourceTypes } from '../src/resources/index.js';
import type { AnyResourceType } from '../src/resources/resourceType.js';
import type { Collection } from '../data/collection.js';
import type { RestoreSession } from '../data/model.js';

type Item = { id: string };
const HOUR = 3_600_000;

const { app } = await build({ restoreSessions: 3000 });
t.teardown(() => app.close());
const store = app.store;
const queryable = resourceTypes.filter((type) => type.queryFields) as AnyResourceType[];
const collectionOf = (type: AnyResourceType) => type.collection(store) as unknown as Collection<Item>;

/** A filter value naming what `field` reads for `item` at `at`, as a client would write it. */
function valueText(field: QueryField<Item>, item: Item, at: number, twist: number): string | undefined {
  const v = field.get(item, at);
  if (v === undefined) return undefined;
  switch (field.kind) {
    case 'date':
      return new Date((v as number) + [0, 0, 1, -1][twist % 4]!).toISOString();
    case 'bool':
      return String(v);
    case 'uid':
      return twist % 2 ? (v as string).split(':').pop()! : (v as string).toUpperCase();
    case 'string':
      return twist % 3 === 0 ? (v as string).toUpperCase() : twist % 3 === 1 ? (v as string).slice(0, 3) : String(v);
    default:
      return String(v);
  }
}

const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
const OPS = ['==', '!=', '<', '>', '<=', '>='] as const;

/** A random filter over a type's fields, with values read from its own objects. */
function filterArb(type: AnyResourceType, items: readonly Item[], instants: number[]): fc.Arbitrary<string> {
  const fields = type.queryFields as readonly QueryField<Item>[];
  const leaf = fc
    .tuple(fc.nat(fields.length - 1), fc.constantFrom(...OPS), fc.nat(), fc.nat(instants.length - 1), fc.nat(11))
    .map(([f, op, i, at, twist]) => {
      const field = fields[f]!;
      const text = valueText(field, items[i % items.length]!, instants[at]!, twist);
      if (text !== undefined) return `${field.name}${op}${quote(text)}`;
      // Absent here (EndTime of a running session): another object's, or a plain date.
      return `${field.name}${op}${quote(field.kind === 'date' ? '2026-11-20' : 'x')}`;
    })
    .filter((f) => {
      try {
        compileFilter(parseFilter(f), new FieldSet(fields), type.uidType);
        return true;
      } catch {
        return false;
      }
    });
  const tree = fc.letrec<{ node: string }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.array(tie('node'), { minLength: 1, maxLength: 3 }).map((p) => `(${p.join(';')})`),
      fc.array(tie('node'), { minLength: 1, maxLength: 3 }).map((p) => `(${p.join(',')})`),
    ),
  }));
  return tree.node;
}

function answer(collection: Collection<Item>, plan: QueryPlan<Item>, now: number, use: IndexUse) {
  const page = runQuery(collection, plan, now, use);
  return { ...page, items: page.items.map((x) => x.id) };
}

/** Instants where much is running or not yet created, and the present. */
function instantsOf(items: readonly Item[]): number[] {
  const times = [CLOCK_START, CLOCK_START + 30 * 24 * HOUR];
  for (const x of items.slice(-50).concat(items.slice(0, 5)) as unknown as {
    creationTime?: number;
    endTime?: number;
  }[]) {
    if (x.creationTime !== undefined) times.push(x.creationTime, x.creationTime + 1);
    if (x.endTime !== undefined) times.push(x.endTime - 1, x.endTime);
  }
  return times;
}

t.test('indexed answers equal the plain scan for random filters, sorts, pages and instants', async (t) => {
  for (const type of queryable) {
    const collection = collectionOf(type);
    const items = collection.all();
    if (items.length === 0) continue;
    const fields = type.queryFields as readonly QueryField<Item>[];
    const instants = instantsOf(items);
    const sort = fc.option(fc.record({ field: fc.constantFrom(...fields), desc: fc.boolean() }), { nil: undefined });
    const pageSize = fc.option(fc.constantFrom(1, 3, 10, 100, 250), { nil: undefined });
    let compared = 0;
    fc.assert(
      fc.property(
        fc.option(filterArb(type, items, instants), { nil: undefined }),
        sort,
        pageSize,
        fc.integer({ min: 1, max: 4 }),
        fc.nat(instants.length - 1),
        (filterText, sort, pageSize, page, at) => {
          const filter = filterText
            ? compileFilter(parseFilter(filterText), new FieldSet(fields), type.uidType)
            : undefined;
          const plan: QueryPlan<Item> = {
            page,
            ...(filter && { filter }),
            ...(sort && { sort }),
            ...(pageSize && { pageSize }),
          };
          const now = instants[at]!;
          compared++;
          t.same(
            answer(collection, plan, now, 'always'),
            answer(collection, plan, now, 'never'),
            filterText ?? 'no filter',
          );
        },
      ),
      { numRuns: items.length >= INDEXED_FROM ? 300 : 40, seed: 20261201 },
    );
    t.ok(compared > 0, `${type.uidType}: ${compared} queries compared`);
  }
});

t.test('the bench query and its parts give the same pages either way', async (t) => {
  const fields = new FieldSet(resourceTypes.find((x) => x.uidType === 'RestoreSession')!.queryFields!);
  const sessions = store.restoreSessions as unknown as Collection<Item>;
  const filters = [
    'CreationTime>="2026-10-01T00:00:00Z";CreationTime<"2026-11-15T00:00:00Z";(Result==Warning,Result==Failed);VmDisplayName!="web-101"',
    'State==Working',
    'Result==None,EndTime>2026-11-29T11:00:00Z',
    'CreationTime!=2026-11-01;Type==RestoreVm',
    // ORs on one field of few readings are one pass over their bit sets; running sessions are read live.
    'State==Working,State==Stopped',
    'Result==None,Result!=Success,Result==Success',
    'Result==Warning,Result==None;CreationTime>2026-11-20',
  ];
  for (const text of filters) {
    const filter = compileFilter(parseFilter(text), fields as FieldSet<Item>, 'RestoreSession');
    for (const sort of [undefined, 'Name', 'EndTime', 'Result', 'CreationTime']) {
      for (const desc of [false, true]) {
        const plan: QueryPlan<Item> = {
          filter,
          page: 2,
          pageSize: 50,
          ...(sort && { sort: { field: fields.find(sort)!, desc } }),
        };
        t.same(
          answer(sessions, plan, CLOCK_START, 'always'),
          answer(sessions, plan, CLOCK_START, 'never'),
          `${text} ${sort}`,
        );
      }
    }
  }
});

t.test('indexes follow the collection: added, replaced and removed objects, and the clock', async (t) => {
  const { app: own } = await build({ restoreSessions: 3000 });
  t.teardown(() => own.close());
  const sessions = own.store.restoreSessions;
  const fields = new FieldSet(
    resourceTypes.find((x) => x.uidType === 'RestoreSession')!.queryFields!,
  ) as FieldSet<Item>;
  const c = sessions as unknown as Collection<Item>;
  const plan = (text: string, sort = 'Name'): QueryPlan<Item> => ({
    filter: compileFilter(parseFilter(text), fields, 'RestoreSession'),
    sort: { field: fields.find(sort)!, desc: true },
    page: 1,
    pageSize: 20,
  });
  const same = (p: QueryPlan<Item>, now: number, what: string) =>
    t.same(answer(c, p, now, 'always'), answer(c, p, now, 'never'), what);

  const byName = plan('Name=="zz-new"');
  same(byName, CLOCK_START, 'before');
  t.equal(runQuery(c, byName, CLOCK_START, 'always').total, 0);
  const template = sessions.all()[10]!;
  const added: RestoreSession = { ...template, id: '00000000-0000-4000-8000-00000000abcd', name: 'zz-new' };
  sessions.add(added);
  t.equal(runQuery(c, byName, CLOCK_START, 'always').total, 1, 'an added object is found');
  same(plan('Result==Failed'), CLOCK_START, 'after an add');
  sessions.replace({ ...added, name: 'zz-renamed', result: 'Failed' });
  t.equal(runQuery(c, byName, CLOCK_START, 'always').total, 0, 'a replaced object is read anew');
  same(plan('Result==Failed'), CLOCK_START, 'after a replace');
  sessions.remove(added.id);
  same(plan('Name=="zz-renamed"'), CLOCK_START, 'after a remove');

  // A session running at one instant and finished at the next: State and Result follow the clock.
  const running = sessions.all().find((s) => s.endTime - s.creationTime > 60_000)!;
  const during = running.creationTime + 30_000;
  for (const text of [
    'State==Working',
    'Result==None',
    'EndTime>2020-01-01',
    `Name=="${running.name}";State==Stopped`,
  ]) {
    for (const sort of ['Name', 'State', 'EndTime']) {
      for (const now of [during, running.endTime - 1, running.endTime, running.endTime + HOUR]) {
        same(plan(text, sort), now, `${text} by ${sort} at ${now - running.creationTime}`);
      }
    }
  }
  const working = runQuery(c, plan(`Name=="${running.name}";State==Working`), during, 'always');
  t.same(
    working.items.map((x) => x.id),
    [running.id],
    'running at first',
  );
  t.equal(runQuery(c, plan(`Name=="${running.name}";State==Working`), running.endTime, 'always').total, 0, 'then not');
});

t.test('auto builds indexes for large collections on the second query of one version', async (t) => {
  const { app: own } = await build({ restoreSessions: INDEXED_FROM + 10 });
  t.teardown(() => own.close());
  const c = own.store.restoreSessions as unknown as Collection<Item>;
  t.equal(collectionIndex(c, 'auto'), undefined, 'first query: the plain scan');
  const index = collectionIndex(c, 'auto');
  t.ok(index, 'second query of the same version: built');
  t.equal(collectionIndex(c, 'auto'), index, 'then reused');
  own.store.restoreSessions.remove(own.store.restoreSessions.all()[0]!.id);
  t.equal(collectionIndex(c, 'auto'), undefined, 'a change drops it; the next query scans');
  t.not(collectionIndex(c, 'auto'), undefined);
  const small = own.store.repositories as unknown as Collection<Item>;
  t.ok(small.size < INDEXED_FROM);
  collectionIndex(small, 'auto');
  t.equal(collectionIndex(small, 'auto'), undefined, 'a small collection is always scanned');
  t.ok(collectionIndex(small, 'always'), 'unless asked');
});

t.test('the memory the indexes hold: typed arrays per field used, nothing per object', async (t) => {
  const { app: own } = await build({ restoreSessions: 3000 });
  t.teardown(() => own.close());
  const sessions = own.store.restoreSessions;
  const c = sessions as unknown as Collection<Item>;
  const fields = new FieldSet(
    resourceTypes.find((x) => x.uidType === 'RestoreSession')!.queryFields!,
  ) as FieldSet<Item>;
  const index = collectionIndex(c, 'always')!;
  t.equal(index.bytes(), 0, 'nothing before a query');
  runQuery(
    c,
    {
      filter: compileFilter(parseFilter('Result==Failed'), fields, 'x'),
      sort: { field: fields.find('Name')!, desc: true },
      page: 1,
    },
    CLOCK_START,
    'always',
  );
  const n = sessions.size;
  const results = new Set(sessions.all().map((s) => s.result)).size;
  // Name and Result: a rank and an order each (4 bytes a position each); Name, sorted on
  // descending, its descending order too; Result's few readings (absent included) a bit set each;
  // the running maximum of end times (8 bytes a position).
  const want = 2 * 8 * n + 4 * n + (results + 1) * Math.ceil(n / 32) * 4 + 8 * n;
  t.equal(index.bytes(), want);
});

t.test('a field without settlesAt reads the same at any instant; one with it, from then on', async (t) => {
  const instants = [0, CLOCK_START - 400 * 24 * HOUR, CLOCK_START, CLOCK_START + 400 * 24 * HOUR];
  for (const type of queryable) {
    for (const field of type.queryFields as readonly QueryField<Item>[]) {
      let checked = 0;
      for (const item of collectionOf(type).all()) {
        const settle = field.settlesAt?.(item) ?? -Infinity;
        if (settle === Infinity) continue;
        const times = instants.filter((x) => x >= settle).concat(settle === -Infinity ? [] : [settle]);
        const first = field.get(item, times[0]!);
        for (const at of times) {
          if (field.get(item, at) !== first) t.fail(`${type.uidType}.${field.name} of ${item.id} moves at ${at}`);
        }
        checked++;
      }
      t.ok(checked > 0 || field.settlesAt, `${type.uidType}.${field.name}`);
    }
  }
});
