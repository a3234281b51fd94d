import t from 'tap';
import { startMockServer } from '../src/index.js';

t.test('reset and parallel mocks never share what clients changed', async (t) => {
  const a = await startMockServer({ clockStart: '2026-11-29T12:00:00Z', frozen: true, restoreSessions: 20 });
  const b = await startMockServer({ clockStart: '2026-11-29T12:00:00Z', frozen: true, restoreSessions: 20 });
  t.teardown(async () => {
    await a.close();
    await b.close();
  });
  const before = a.app.store.restoreSessions.size;
  const added = a.addRestoreSession({ vm: 'web-101', creationTime: '-1h', duration: '5m' });
  t.equal(a.app.store.restoreSessions.size, before + 1);
  t.equal(b.app.store.restoreSessions.size, before, 'a mock built from the same dataset does not see it');
  t.equal(b.app.store.restoreSessions.get(added.id), undefined);
  const job = a.app.store.jobs.all()[0];
  t.not(job, b.app.store.jobs.all()[0], 'each mock builds and holds its own dataset');
  a.reset();
  t.equal(a.app.store.restoreSessions.size, before, 'a reset drops it');
  t.equal(a.app.store.restoreSessions.get(added.id), undefined);
  t.equal(a.app.store.backupSessions.size, b.app.store.backupSessions.size, 'and restores the same history');
  t.equal(a.app.store.jobs.all()[0], job, 'whose immutable objects are shared with the pristine copy, not rebuilt');
});
