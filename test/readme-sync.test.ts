import t from 'tap';
import { readFileSync } from 'node:fs';

// test/readme-example.test.ts runs the README's embedding example; this keeps the two identical.
t.test('the README embedding example is the one the tests run', async (t) => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const block = /\n```ts\n([\s\S]*?)```\n/.exec(readme)![1]!;
  const tested = readFileSync(new URL('./readme-example.test.ts', import.meta.url), 'utf8');
  t.equal(tested, block.replace("from 'veeam-em-mock'", "from '../src/index.js'"));
});
