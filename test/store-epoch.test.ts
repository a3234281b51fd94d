import t from 'tap';
import { Store } from '../data/store.js';
import { build } from './helper.js';

// The store's epoch is the one signal cached answers rely on: every kind of change must move it.

t.test('adding to or removing from any collection moves the epoch', async (t) => {
  const { app } = await build();
  const store = app.store;
  const first = store.restoreSessions.all()[0]!;
  let epoch = store.epoch;
  store.restoreSessions.remove(first.id);
  t.not(store.epoch, epoch, 'remove');
  epoch = store.epoch;
  store.restoreSessions.add(first);
  t.not(store.epoch, epoch, 'add');
  epoch = store.epoch;
  store.restoreSessions.addAll([]);
  t.not(store.epoch, epoch, 'addAll');
  epoch = store.epoch;
  t.equal(store.restoreSessions.remove('00000000-0000-0000-0000-000000000000'), undefined);
  t.equal(store.epoch, epoch, 'a remove that finds nothing changes nothing');
  epoch = store.epoch;
  store.changed();
  t.not(store.epoch, epoch, 'changed() for other mutations');
});

t.test('a copy has its own epoch and its collections report to the copy', async (t) => {
  const store = new Store();
  const copy = store.copy();
  t.not(copy.epoch, store.epoch);
  const before = store.epoch;
  const copyBefore = copy.epoch;
  copy.restoreSessions.addAll([]);
  t.equal(store.epoch, before, 'the original is untouched');
  t.not(copy.epoch, copyBefore);
});

t.test('clock moves, fault rules, injections, deletions and resets move the epoch', async (t) => {
  const { app } = await build();
  const moves: [string, () => unknown][] = [
    ['clock set', () => app.clock.set(app.clock.now() + 1)],
    ['clock advance', () => app.clock.advance(1000)],
    ['clock freeze', () => app.clock.freeze()],
    ['clock unfreeze', () => app.clock.unfreeze()],
    ['control clock', () => app.control.setClock({ advance: '1m' })],
    ['fault added', () => app.control.faults.add({ action: 'delay', delay: 1 })],
    ['fault removed', () => app.control.faults.remove(app.control.faults.list()[0]!.id)],
    ['faults cleared', () => app.control.faults.clear()],
    ['session injected', () => app.control.addRestoreSessions({ vm: 'web-101', creationTime: '-1h', duration: '5m' })],
    ['session deleted', () => app.control.deleteRestoreSession(app.store.restoreSessions.all()[0]!.id)],
    ['reset', () => app.control.reset()],
  ];
  for (const [name, move] of moves) {
    const epoch = app.store.epoch;
    move();
    t.not(app.store.epoch, epoch, name);
  }
});

t.test('freezing keeps the instant the clock showed', async (t) => {
  const { app, real } = await build();
  real.now += 5000;
  const shown = app.clock.now();
  app.clock.freeze();
  t.equal(app.clock.now(), shown);
  real.now += 5000;
  t.equal(app.clock.now(), shown, 'and stands still');
  app.clock.unfreeze();
  t.equal(app.clock.now(), shown, 'unfreezing resumes from it');
});
