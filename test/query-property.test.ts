import t from 'tap';
import fc from 'fast-check';
import { build, logon, get } from './helper.js';
import { parseFilterCounting } from '../src/query/filterParser.js';

// Pieces of the grammar, so random filters are often nearly valid and reach deep into the parser.
const piece = fc.constantFrom(
  'Name',
  'name',
  'Result',
  'CreationTime',
  'EndTime',
  'State',
  'UID',
  'Type',
  'Colour',
  '==',
  '!=',
  '<',
  '>',
  '<=',
  '>=',
  '=',
  '=~',
  '!',
  'Success',
  'failed',
  'None',
  'Working',
  '2026-11-01',
  '"2026-11-01T07:19:37Z"',
  'x',
  '"a b"',
  '""',
  '"',
  '"""',
  ';',
  ',',
  '(',
  ')',
  ' ',
  '+',
  '%20',
  '%3D',
  '%22',
  '%',
  '%ZZ',
  '&',
  '#',
  '\u00e9',
  '\ud800',
);
const filterText = fc.oneof(
  fc.array(piece, { maxLength: 24 }).map((p) => p.join('')),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
);

const valid = fc.constantFrom(
  'Result==Failed,Result==Warning',
  'Name=="x";(Result=="Success",Result=="Warning");CreationTime>"2026-11-01T00:00:00Z"',
  'CreationTime>=2026-11-01T07:11:12',
  'VmDisplayName==web-101',
);
/** A valid filter with one character inserted, deleted or replaced. */
const mutated = fc
  .tuple(valid, fc.nat(), fc.constantFrom('', '(', ')', '"', ';', ',', '=', '<', 'Z', ' '))
  .map(([f, at, ch]) => {
    const i = at % (f.length + 1);
    return f.slice(0, i) + ch + f.slice(i + (at % 2));
  });

t.test('any filter answers 200 or 400, never anything else', async (t) => {
  const { app } = await build();
  t.teardown(() => app.close());
  const token = await logon(app);
  await fc.assert(
    fc.asyncProperty(fc.oneof(filterText, mutated), fc.boolean(), async (filter, encode) => {
      const q = encode ? encodeURIComponent(filter) : filter.replace(/[&#]/g, encodeURIComponent);
      const res = await get(app, token, `/api/query?type=RestoreSession&filter=${q}`, 'json');
      if (res.statusCode !== 200 && res.statusCode !== 400) return false;
      const body = JSON.parse(res.body);
      return res.statusCode === 200 ? 'Refs' in body : body.StatusCode === 400 && typeof body.Message === 'string';
    }),
    { numRuns: 300, seed: 20261129 },
  );
});

t.test('parsing work is linear in the filter length', async (_t) => {
  // Work counts characters and tokens visited: a deterministic stand-in for time.
  const shapes = ['(', ')', '"', '""', 'a==b;', 'a==b,', 'a==(', '((a==1))', '"x""', `a==${'"'.repeat(3)}`, ' '];
  fc.assert(
    fc.property(
      fc.constantFrom(...shapes),
      fc.integer({ min: 1, max: 20_000 }),
      fc.string({ maxLength: 8 }),
      (shape, n, tail) => {
        const src = shape.repeat(n) + tail;
        const { work } = parseFilterCounting(src);
        return work <= 2 * src.length + 2;
      },
    ),
    { numRuns: 200, seed: 7 },
  );
  fc.assert(
    fc.property(fc.string({ maxLength: 2000 }), (src) => parseFilterCounting(src).work <= 2 * src.length + 2),
    { numRuns: 500, seed: 11 },
  );
});
