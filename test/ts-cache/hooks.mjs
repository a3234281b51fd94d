// A disk cache in front of tap's TypeScript loader (ts-node, transpile only). Every test file runs
// in its own process and compiling the sources it imports cost about 3 s of CPU each time, most of
// the suite's CPU; the output depends only on the file, the compiler and its options, so it is kept
// in .tap/ts-cache keyed by all of them. Registered after ts-node, so its load hook runs first.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { threadId } from 'node:worker_threads';

const root = new URL('../../', import.meta.url);
const dir = fileURLToPath(new URL('.tap/ts-cache/', root));
const require = createRequire(import.meta.url);

// Type-checking (TAP_TYPECHECK) reports errors while compiling: then nothing is cached.
const enabled = process.env.TS_NODE_TRANSPILE_ONLY === '1';

// What decides the output besides the file: the compiler, ts-node, the tsconfig and ts-node's settings.
const salt = createHash('sha256')
  .update(
    JSON.stringify([
      require('typescript/package.json').version,
      require('@isaacs/ts-node-temp-fork-for-pr-2009/package.json').version,
      readFileSync(process.env.TS_NODE_PROJECT ?? fileURLToPath(new URL('tsconfig.json', root)), 'utf8'),
      Object.entries(process.env).filter(([k]) => k.startsWith('TS_NODE_')),
    ]),
  )
  .digest();

/** Our own TypeScript files only: not dependencies, not URLs with a query (tap's module mocks). */
const cacheable = (url) =>
  enabled && url.startsWith(root.href) && url.endsWith('.ts') && !url.includes('/node_modules/');

export async function load(url, context, nextLoad) {
  if (!cacheable(url)) return nextLoad(url, context);
  const key = createHash('sha256')
    .update(salt)
    .update(url)
    .update(readFileSync(new URL(url)))
    .digest('hex');
  const file = `${dir}${key}.js`;
  try {
    return { format: 'module', source: readFileSync(file, 'utf8'), shortCircuit: true };
  } catch {
    // not compiled yet
  }
  const result = await nextLoad(url, context);
  if (result.format === 'module' && result.source != null) {
    mkdirSync(dir, { recursive: true });
    // Parallel test processes may write the same entry: each writes its own file, then renames.
    const tmp = `${file}.${process.pid}.${threadId}`;
    writeFileSync(tmp, result.source);
    renameSync(tmp, file);
  }
  return result;
}
