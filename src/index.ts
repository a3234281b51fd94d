/** Library entry: embed the mock in tests. */
export { buildApp, type BuildOptions } from './app.js';
export { listen, type RunningServer } from './server.js';
export { defaultConfig, parseConfig, type Config, type User } from './config.js';
export { Clock } from './clock.js';
