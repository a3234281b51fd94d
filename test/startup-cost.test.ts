import { createRequire } from 'node:module';
import t from 'tap';
import { buildApp } from '../src/app.js';
import { defaultConfig } from '../src/config.js';
import { build, CLOCK_START } from './helper.js';

// Start-up (issue 11 goal 4): the app declares no JSON schemas, so Fastify's schema compilers
// must not be loaded; a route that declared one would fail loudly rather than go unvalidated.

const loaded = () => Object.keys(createRequire(import.meta.url).cache);

t.test('building the app loads neither Ajv nor the fast-json-stringify compiler', async (t) => {
  const { app } = await build();
  t.teardown(() => app.close());
  const compilers = loaded().filter((path) =>
    /[\\/](ajv|@fastify[\\/](ajv-compiler|fast-json-stringify-compiler))[\\/]/.test(path),
  );
  t.same(compilers, []);
  // The check can see Fastify's own modules, so an empty list is not a blind spot.
  t.ok(loaded().some((path) => /[\\/]fastify[\\/]lib[\\/]route\.js$/.test(path)));
});

t.test('a route that declares a schema is refused when the app gets ready', async (t) => {
  const app = await buildApp({ config: defaultConfig({ clockStart: CLOCK_START, restoreSessions: 10 }) });
  t.teardown(() => app.close());
  app.get('/__schema', { schema: { querystring: { type: 'object' } } }, async () => 'never');
  await t.rejects(async () => await app.ready(), { message: 'veeam-em-mock declares no route schemas' });
});
