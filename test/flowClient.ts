import type { Test } from 'tap';
import { startMockServer } from '../src/index.js';

const ADMIN = `Basic ${Buffer.from('admin:admin').toString('base64')}`;

/**
 * A client of a mock started in-process on a free port with a frozen clock, for whole flows over
 * a real socket: `call` acts as admin in JSON, `advance` moves the clock through the control
 * plane, `poll` moves it past a task's end and reads the finished task. Nothing depends on real time.
 */
export async function flowClient(t: Test) {
  const server = await startMockServer({ seed: 1, clockStart: '2026-11-29T12:00:00Z', restoreSessions: 20 });
  t.teardown(() => server.close());
  const base = `http://127.0.0.1:${server.port}`;
  const clock = (body: object) =>
    fetch(`${base}/__mock/clock`, {
      method: 'PUT',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
    });
  await clock({ frozen: true });
  const advance = (by: string) => clock({ advance: by });
  const logon = await fetch(`${base}/api/sessionMngr/?v=latest`, { method: 'POST', headers: { authorization: ADMIN } });
  const token = logon.headers.get('x-restsvcsessionid')!;
  const call = async (method: string, path: string, body?: object) => {
    const res = await fetch(path.startsWith('http') ? path : `${base}/api/${path}`, {
      method,
      headers: {
        'x-restsvcsessionid': token,
        accept: 'application/json',
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : {}) as Record<string, any> };
  };
  const poll = async (task: Record<string, any>) => {
    await advance('2s');
    const done = await call('GET', task.Href as string);
    t.equal(done.body.State, 'Finished');
    return done.body;
  };
  return { token, call, advance, poll };
}
