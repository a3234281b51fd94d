/**
 * Control-plane costs, as ratios to a baseline measured in the same run:
 *   - POST /__mock/reset (default size: back to the pristine default dataset)
 *     against GET /api/restoreSessions?format=Entity (one ordinary API call);
 *   - an API call with the journal and one non-matching fault rule against the same call with
 *     the journal off and no rules.
 * Run: npm run bench:control
 */
import { buildApp } from '../src/app.js';
import { defaultConfig } from '../src/config.js';

const ROUNDS = 200;

async function time(label: string, n: number, fn: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 20; i++) await fn();
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await fn();
  const perCall = Number(process.hrtime.bigint() - start) / 1e6 / n;
  console.log(`${label.padEnd(48)} ${perCall.toFixed(3)} ms/call`);
  return perCall;
}

async function main(): Promise<void> {
  const plain = await buildApp({ config: defaultConfig({ journalSize: 0 }) });
  const hooked = await buildApp({ config: defaultConfig() });
  hooked.control.faults.add({ path: '/api/never', action: 'drop' });
  const logonOf = async (app: typeof plain) =>
    (
      await app.inject({
        method: 'POST',
        url: '/api/sessionMngr/',
        headers: { authorization: `Basic ${Buffer.from('admin:admin').toString('base64')}` },
      })
    ).headers['x-restsvcsessionid'] as string;
  const call = (app: typeof plain, token: string) => () =>
    app.inject({ method: 'GET', url: '/api/backupServers', headers: { 'x-restsvcsessionid': token } });
  const entity = (app: typeof plain, token: string) => () =>
    app.inject({ method: 'GET', url: '/api/restoreSessions?format=Entity', headers: { 'x-restsvcsessionid': token } });

  const t1 = await logonOf(plain);
  const base = await time('baseline: GET restoreSessions?format=Entity', ROUNDS, entity(plain, t1));
  const reset = await time('POST /__mock/reset (default size)', 50, () =>
    plain.inject({ method: 'POST', url: '/__mock/reset' }),
  );
  const t2 = await logonOf(plain);
  const bare = await time('GET backupServers, journal off, no faults', ROUNDS * 5, call(plain, t2));
  const t3 = await logonOf(hooked);
  const withHooks = await time('GET backupServers, journal on, 1 fault rule', ROUNDS * 5, call(hooked, t3));
  console.log(`reset / baseline call: ${(reset / base).toFixed(1)}x`);
  console.log(`journal+faults overhead: ${(withHooks / bare).toFixed(2)}x`);
  await plain.close();
  await hooked.close();
}

void main();
