import t from 'tap';
import { Collection } from '../data/collection.js';

t.test('a collection keeps time order and finds ranges by binary search', async (t) => {
  const c = new Collection<{ id: string; at: number }>((x) => x.at);
  c.addAll([
    { id: 'B', at: 20 },
    { id: 'a', at: 10 },
  ]);
  c.add({ id: 'c', at: 30 });
  c.add({ id: 'd', at: 15 });
  c.add({ id: 'e', at: 20 });
  t.same(
    c.all().map((x) => x.id),
    ['a', 'd', 'B', 'e', 'c'],
    'sorted; ties keep insertion order',
  );
  t.equal(c.get('b')?.at, 20, 'ids are case-insensitive');
  t.same(
    c.between(15, 20).map((x) => x.id),
    ['d', 'B', 'e'],
    'both ends inclusive',
  );
  t.same(c.between(21, 29), []);
  t.equal(c.lowerBound(20), 2);
  t.equal(c.upperBound(20), 4);
  t.equal(c.remove('D')?.id, 'd');
  t.equal(c.remove('zz'), undefined);
  t.equal(c.size, 4);
  t.same(
    c.all().map((x) => x.id),
    ['a', 'B', 'e', 'c'],
  );
});

t.test('a copy shares the objects but not the membership', async (t) => {
  const c = new Collection<{ id: string; at: number }>((x) => x.at);
  c.addAll([
    { id: 'a', at: 1 },
    { id: 'b', at: 2 },
  ]);
  const copy = c.copy();
  copy.add({ id: 'c', at: 3 });
  copy.remove('a');
  t.same(
    c.all().map((x) => x.id),
    ['a', 'b'],
    'the original is untouched',
  );
  t.same(
    copy.all().map((x) => x.id),
    ['b', 'c'],
  );
  t.equal(copy.get('b'), c.get('b'), 'same objects');
  t.equal(c.get('c'), undefined);
});

t.test('every change moves the version, a failed removal does not', async (t) => {
  const c = new Collection<{ id: string }>();
  const seen = [c.version];
  c.add({ id: 'a' });
  seen.push(c.version);
  c.addAll([{ id: 'b' }]);
  seen.push(c.version);
  c.replace({ id: 'a' });
  seen.push(c.version);
  c.remove('b');
  seen.push(c.version);
  c.remove('nothing');
  seen.push(c.version);
  t.same(seen, [0, 1, 2, 3, 4, 4]);
  t.equal(c.copy().version, 0, 'a copy counts its own changes');
});

t.test('a deferred collection takes its objects on first use, once, and its copies too', async (t) => {
  let built = 0;
  const source = new Collection<{ id: string; at: number }>((x) => x.at);
  source.addAll([
    { id: 'b', at: 2 },
    { id: 'a', at: 1 },
  ]);
  const make = () => {
    built++;
    return source;
  };
  const c = new Collection<{ id: string; at: number }>((x) => x.at);
  c.defer(make);
  const copy = c.copy();
  t.equal(built, 0, 'nothing is made by deferring or copying');
  c.add({ id: 'c', at: 0 });
  t.same(
    c.all().map((x) => x.id),
    ['c', 'a', 'b'],
    'a change first takes the objects, then applies',
  );
  t.same(
    copy.all().map((x) => x.id),
    ['a', 'b'],
    'the copy takes them on its own first use, without the other’s change',
  );
  t.equal(copy.get('B')?.at, 2);
  t.equal(source.size, 2, 'the source is left as it was');
});
