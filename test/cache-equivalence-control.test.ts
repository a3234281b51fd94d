import t from 'tap';
import { logon } from './helper.js';
import { round, smallEstate, ticker, DAY } from './cacheEquivalence.js';

// Cached collection answers equal freshly built ones through control-plane changes (see cacheEquivalence.ts).

t.test('injections, deletions, clock moves, faults, a public URL and a reset: nothing stale', async (t) => {
  const { app, real, token: first } = await smallEstate();
  let token = first;
  const tick = ticker(t, app, real, () => token);
  const store = app.store;
  await round(t, app, token, 'at the start (warms the caches)', 'both');
  const vm = store.vmRestorePoints.between(0, app.clock.now()).at(-1)!.vm.name;
  app.control.addRestoreSessions({ vm, creationTime: '-1m', duration: '3m' });
  await tick('an injected running session', 3, 40_000);
  app.control.deleteRestoreSession(store.restoreSessions.between(0, app.clock.now()).at(-1)!.id);
  await round(t, app, token, 'after a deleted session', 'both');
  app.control.setClock({ now: new Date(app.clock.now() - 2 * DAY).toISOString() });
  await round(t, app, token, 'after the clock was set back', 'both');
  app.control.setClock({ advance: '1h' });
  await round(t, app, token, 'after the clock was advanced', 'both');
  app.control.faults.add({ path: '/api/jobs', action: 'error', status: 500 });
  app.control.faults.clear();
  await round(t, app, token, 'after a fault rule came and went', 'both');
  app.config.publicBaseUrl = 'https://em.example.com:9398';
  await round(t, app, token, 'with a public URL', 'full');
  app.config.publicBaseUrl = undefined;
  app.control.reset();
  token = await logon(app);
  await round(t, app, token, 'after a reset', 'full');
});
