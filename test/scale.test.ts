import t from 'tap';
import { Collection } from '../data/collection.js';
import { Store } from '../data/store.js';

// Nothing that handles a collection may recurse or spread arguments in proportion to its size:
// a million restore sessions must load. 500 000 small items exceed what argument spreading takes.

interface Item {
  id: string;
  time: number;
}

t.test('half a million items load, sort stably by time, and copy without overflowing the stack', async (t) => {
  const n = 500_000;
  const items: Item[] = [];
  // Times out of order with many ties, so the sort does real work and stability shows.
  for (let i = 0; i < n; i++) items.push({ id: `id-${i}`, time: (i * 7919) % 1000 });
  const c = new Collection<Item>((x) => x.time);
  c.addAll(items);
  t.equal(c.size, n);
  const all = c.all();
  let ordered = true;
  for (let i = 1; i < n; i++) {
    const a = all[i - 1]!;
    const b = all[i]!;
    // Ties keep the order they were added in (ids are numbered in that order).
    if (a.time > b.time || (a.time === b.time && Number(a.id.slice(3)) > Number(b.id.slice(3)))) ordered = false;
  }
  t.ok(ordered, 'in time order, ties in insertion order');
  const copy = c.copy();
  t.equal(copy.size, n);
  t.equal(copy.get('id-4242'), c.get('id-4242'));
  t.equal(copy.remove('id-4242')?.id, 'id-4242', 'the copy builds its own id index on first use');
  t.equal(copy.get('id-4242'), undefined);
  t.equal(c.get('id-4242')?.id, 'id-4242', 'the original keeps the item');
  c.add({ id: 'late', time: 5 });
  t.equal(c.get('LATE')?.id, 'late', 'an item added after the index was built is found');
  const store = new Store();
  store.restoreSessions.addAll([]);
  t.equal(store.copy().restoreSessions.size, 0);
});

t.test('an already ordered batch is kept as it is', async (t) => {
  const c = new Collection<Item>((x) => x.time);
  c.addAll([
    { id: 'a', time: 1 },
    { id: 'b', time: 1 },
    { id: 'c', time: 2 },
  ]);
  c.addAll([{ id: 'd', time: 0 }]);
  t.same(
    c.all().map((x) => x.id),
    ['d', 'a', 'b', 'c'],
  );
});
