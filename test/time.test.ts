/**
 * Dates as EM writes them: SQL Server `datetime` milliseconds (every live value ends in 0, 3 or 7:
 * `.233`, `.513`, `.037`, `.28` in the EM 12 answer of centreon-plugins
 * tests/apps/backup/veeam/vbem/restapi/restapi.json), trailing zeros trimmed.
 */
import t from 'tap';
import { emDateTime, sqlDatetime } from '../data/time.js';
import { build, logon, get } from './helper.js';

const at = (iso: string) => Date.parse(iso);

t.test('sqlDatetime puts an instant on the 1/300 s grid, never into another second', async (t) => {
  const ms = (n: number) => sqlDatetime(at('2025-02-19T03:33:17Z') + n) - at('2025-02-19T03:33:17Z');
  t.same([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(ms), [0, 0, 0, 3, 3, 3, 3, 7, 7, 7, 10]);
  t.equal(ms(999), 997, 'the last tick of a second stays in it');
  t.equal(ms(233), 233, 'captured values are on the grid already');
  const off: string[] = [];
  for (let n = 0; n < 1000; n++) {
    const v = ms(n);
    if (!(v <= n && [0, 3, 7].includes(v % 10) && ms(v) === v)) off.push(`${n} -> ${v}`);
  }
  t.same(off, [], 'every millisecond: at or below itself, ends in 0, 3 or 7, stable');
  t.equal(sqlDatetime(at('1969-12-31T23:59:59.999Z')), at('1969-12-31T23:59:59.997Z'), 'before the epoch too');
});

t.test('emDateTime writes grid values, trailing zeros trimmed, as captured', async (t) => {
  t.equal(emDateTime(at('2025-02-19T03:33:17.233Z')), '2025-02-19T03:33:17.233Z');
  t.equal(emDateTime(at('2025-02-19T00:25:42.28Z')), '2025-02-19T00:25:42.28Z');
  t.equal(
    emDateTime(at('2025-02-19T00:25:42.281Z')),
    '2025-02-19T00:25:42.28Z',
    'a run-time instant is snapped when written',
  );
  t.equal(emDateTime(at('2025-02-19T03:51:03.039Z')), '2025-02-19T03:51:03.037Z');
  t.equal(emDateTime(at('2019-07-01T04:00:16Z')), '2019-07-01T04:00:16Z');
});

t.test('every instant of the generated estate is on the grid, so filters see what clients see', async (t) => {
  const { app } = await build();
  t.teardown(() => app.close());
  const s = app.store;
  const times = [
    ...[
      ...s.backupSessions.all(),
      ...s.replicaSessions.all(),
      ...s.nasBackupSessions.all(),
      ...s.restoreSessions.all(),
    ].flatMap((x) => [x.creationTime, x.endTime]),
    ...[...s.backupTaskSessions.all(), ...s.replicaTaskSessions.all()].flatMap((x) => [x.creationTime, x.endTime]),
    ...[...s.restorePoints.all(), ...s.backupFiles.all(), ...s.vmRestorePoints.all()].map((x) => x.creationTime),
  ];
  t.ok(times.length > 10_000);
  t.same(
    times.filter((x) => sqlDatetime(x) !== x),
    [],
    'no instant off the grid',
  );

  // A client filtering on a value it was shown finds that very object.
  const token = await logon(app);
  const session = s.backupSessions.all()[100]!;
  const shown = emDateTime(session.creationTime);
  const res = await get(app, token, `/api/query?type=BackupJobSession&filter=CreationTime=="${shown}"`, 'json');
  t.ok(
    JSON.parse(res.body).Refs.Refs.some((r: { UID: string }) => r.UID.endsWith(session.id)),
    `CreationTime=="${shown}"`,
  );
});
