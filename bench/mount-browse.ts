/**
 * Browsing a file-level restore mount, as CPU-time ratios to a baseline measured in the same run,
 * in alternated rounds (the machine is shared, so wall time is noise):
 *   - listing a folder already browsed (`C:/Windows/System32`, ~25 entries) against reading the
 *     mount itself (`GET …/mounts/{n}`);
 *   - mounting and listing that folder for the first time (three folders generated with faker)
 *     against mounting and reading the mount.
 * Run: npm run bench:mount
 */
import { buildApp } from '../src/app.js';
import { defaultConfig } from '../src/config.js';

const ROUNDS = 10;
const CALLS = 40;

async function main(): Promise<void> {
  const app = await buildApp({ config: defaultConfig({ journalSize: 0 }) });
  const logon = await app.inject({
    method: 'POST',
    url: '/api/sessionMngr/',
    headers: { authorization: `Basic ${Buffer.from('admin:admin').toString('base64')}` },
  });
  const headers = { 'x-restsvcsessionid': logon.headers['x-restsvcsessionid'] as string };
  const q = await app.inject({
    url: '/api/query?type=VmRestorePoint&format=Entities&pageSize=500',
    headers: { ...headers, accept: 'application/json' },
  });
  const point = (JSON.parse(q.body).Entities.VmRestorePoints.VmRestorePoints as { UID: string; Name: string }[])
    .find((p) => p.Name.startsWith('sql-'))!
    .UID.split(':')
    .pop();
  const get = (url: string) => app.inject({ url, headers });
  const mount = async () => {
    await app.inject({ method: 'POST', url: `/api/vmRestorePoints/${point}/mounts`, headers });
    return `/api/vmRestorePoints/${point}/mounts/${app.store.mounts.length}`;
  };
  const warm = await mount();
  const listing = `${warm}/C:/Windows/System32`;
  for (let i = 0; i < 20; i++) await Promise.all([get(warm), get(listing)]);

  const cpu = async (fn: () => Promise<unknown>) => {
    const start = process.cpuUsage();
    for (let i = 0; i < CALLS; i++) await fn();
    const used = process.cpuUsage(start);
    return (used.user + used.system) / 1000 / CALLS;
  };
  const totals = { entity: 0, listed: 0, mountEntity: 0, mountList: 0 };
  for (let r = 0; r < ROUNDS; r++) {
    totals.entity += await cpu(() => get(warm));
    totals.listed += await cpu(() => get(listing));
    totals.mountEntity += await cpu(async () => get(await mount()));
    totals.mountList += await cpu(async () => get(`${await mount()}/C:/Windows/System32`));
  }
  const ms = (x: number) => `${(x / ROUNDS).toFixed(3)} ms CPU/call`;
  console.log(`baseline: GET the mount                 ${ms(totals.entity)}`);
  console.log(`GET a folder already listed             ${ms(totals.listed)}`);
  console.log(`baseline: mount + GET the mount         ${ms(totals.mountEntity)}`);
  console.log(`mount + first GET of the folder         ${ms(totals.mountList)}`);
  console.log(`listed folder / mount entity:  ${(totals.listed / totals.entity).toFixed(2)}x`);
  console.log(
    `first listing / mount entity (both after a new mount): ${(totals.mountList / totals.mountEntity).toFixed(2)}x`,
  );
  await app.close();
}

await main();
