import t from 'tap';
import { build, logon, get } from './helper.js';

t.test('logon then list restore sessions', async (t) => {
  const { app } = await build();
  t.teardown(() => app.close());
  const token = await logon(app);
  const res = await get(app, token, '/api/restoreSessions', 'json');
  t.equal(res.statusCode, 200);
  t.ok(JSON.parse(res.body).Refs.length > 0);
});
