import { buildApp } from '../src/app.js';
import { defaultConfig } from '../src/config.js';
async function main() {
const app = await buildApp({ config: defaultConfig({}) });
for (const n of [1000, 1000, 1000, 2000]) {
  const t0 = performance.now();
  const r = await app.inject({ method: 'POST', url: '/__mock/restoreSessions', headers: { 'content-type': 'application/json' }, payload: JSON.stringify(Array.from({length: n}, () => ({}))) });
  console.log(n, r.statusCode, r.body.length, Math.round(performance.now() - t0), 'ms');
}
for (const n of [1000]) {
  const t0 = performance.now();
  const r = await app.inject({ method: 'POST', url: '/__mock/faults', headers: { 'content-type': 'application/json' }, payload: JSON.stringify(Array.from({length: n}, () => ({action:'delay', delay: 1, path:'/nothing/**'}))) });
  console.log('faults', n, r.statusCode, r.body.length, Math.round(performance.now() - t0), 'ms');
}
const t0 = performance.now();
const r = await app.inject({ method: 'POST', url: '/__mock/reset', headers: { 'content-type': 'application/json' }, payload: '{"seed":5}' });
console.log('reset', r.statusCode, Math.round(performance.now() - t0), 'ms');
}
main();
