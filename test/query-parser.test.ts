import t from 'tap';
import fc from 'fast-check';
import { parseFilter, FilterSyntaxError, MAX_NESTING, type FilterNode } from '../src/query/filterParser.js';
import { parseFilterDate, type QueryField } from '../src/query/fields.js';
import { compileFilter, FieldSet } from '../src/query/compile.js';
import { decode, splitQuery, param, pagingQueries, urlEncode } from '../src/query/queryString.js';

const pagingQuery = (query: string, pageSize: number, page: number, sorted?: boolean) =>
  pagingQueries(query, sorted)(pageSize, page);

/** A compact rendering of an AST: (a & b), (a | b), field op [value]. */
function show(n: FilterNode): string {
  if (n.kind === 'cmp') return `${n.field}${n.op}[${n.value}]`;
  return `(${n.items.map(show).join(n.kind === 'and' ? ' & ' : ' | ')})`;
}

function syntaxError(src: string): FilterSyntaxError {
  try {
    parseFilter(src);
  } catch (e) {
    if (e instanceof FilterSyntaxError) return e;
    throw e;
  }
  throw new Error(`no error for ${src}`);
}

t.test('every comparison operator', async (t) => {
  for (const op of ['==', '!=', '<', '>', '<=', '>=']) t.equal(show(parseFilter(`Name${op}x`)), `Name${op}[x]`);
});

t.test('AND, OR, grouping and precedence', async (t) => {
  t.equal(show(parseFilter('a==1;b==2')), '(a==[1] & b==[2])');
  t.equal(show(parseFilter('a==1,b==2')), '(a==[1] | b==[2])');
  // `;` binds tighter than `,`
  t.equal(show(parseFilter('a==1;b==2,c==3')), '((a==[1] & b==[2]) | c==[3])');
  t.equal(show(parseFilter('a==1,b==2;c==3')), '(a==[1] | (b==[2] & c==[3]))');
  t.equal(show(parseFilter('a==1;(b==2,c==3)')), '(a==[1] & (b==[2] | c==[3]))');
  t.equal(show(parseFilter('((a==1))')), 'a==[1]');
  t.equal(show(parseFilter(' ( a == 1 ; b >= 2 ) , c != 3 ')), '((a==[1] & b>=[2]) | c!=[3])');
  t.equal(
    show(parseFilter('jobname=="X";(result=="Success",result=="Warning");creationtime>"2019-07-01T04:00:16Z"')),
    '(jobname==[X] & (result==[Success] | result==[Warning]) & creationtime>[2019-07-01T04:00:16Z])',
  );
});

t.test('values: bare, quoted, doubled quotes, blanks', async (t) => {
  t.equal(show(parseFilter('Name==Job 1')), 'Name==[Job 1]');
  t.equal(show(parseFilter('Name==  Job 1  ;x==y')), '(Name==[Job 1] & x==[y])');
  t.equal(show(parseFilter('Name=="a;b,(c)"')), 'Name==[a;b,(c)]');
  t.equal(
    show(parseFilter('Name==""Backup""')),
    'Name==["Backup"]',
    'the docs spelling: a bare value with doubled quotes',
  );
  t.equal(show(parseFilter('Name==a""b')), 'Name==[a"b]');
  t.equal(show(parseFilter('Name==""""')), 'Name==["]');
  t.equal(show(parseFilter('Name=="say ""hi"""')), 'Name==[say "hi"]');
  t.equal(show(parseFilter('Name==""')), 'Name==[]');
  t.equal(show(parseFilter('CreationTime>=2016-12-01T07:11:12')), 'CreationTime>=[2016-12-01T07:11:12]');
  t.equal(show(parseFilter('UID==urn:veeam:Job:abc')), 'UID==[urn:veeam:Job:abc]');
});

t.test('syntax errors name the problem and the 1-based position', async (t) => {
  const cases: [string, number, RegExp][] = [
    ['', 1, /expected a field name, found the end/],
    ['==x', 1, /expected a field name/],
    ['Name', 5, /expected a comparison operator/],
    ['Name=x', 5, /bad operator "="/],
    ['Name===x', 5, /bad operator "==="/],
    ['Name=<x', 5, /bad operator "=<"/],
    ['Name==', 7, /missing value after Name==/],
    ['Name==x;', 9, /expected a field name, found the end/],
    ['(Name==x', 1, /unbalanced parentheses: this "\(" is never closed/],
    ['Name==x)', 8, /unbalanced parentheses: this "\)" closes nothing/],
    ['(Name==x"', 9, /unexpected "\\"" after the value of Name; quote the whole value/],
    ['Name=="abc', 7, /unterminated quoted value/],
    ['Name=="a"b', 10, /expected ";" \(AND\), "," \(OR\) or the end/],
    ['Name==a(b)', 8, /unexpected "\(" after the value of Name/],
    ['(a=="1" b==2)', 9, /expected "\)" to close the "\(" at position 1, found "b"/],
  ];
  t.equal(show(parseFilter('a==1 b==2')), 'a==[1 b==2]', 'blanks belong to a bare value');
  for (const [src, pos, re] of cases) {
    const e = syntaxError(src);
    t.equal(e.position, pos, `position in ${JSON.stringify(src)}`);
    t.match(e.message, re, src);
    t.match(e.message, new RegExp(`^Invalid filter at position ${pos}: `));
  }
  t.match(
    syntaxError(`${'('.repeat(MAX_NESTING + 1)}a==1${')'.repeat(MAX_NESTING + 1)}`).message,
    /nested deeper than 64/,
  );
  t.equal(show(parseFilter(`${'('.repeat(MAX_NESTING)}a==1${')'.repeat(MAX_NESTING)}`)), 'a==[1]');
});

t.test('filter dates are UTC in every accepted spelling', async (t) => {
  const at = Date.parse('2026-11-28T07:19:37Z');
  t.equal(parseFilterDate('2026-11-28T07:19:37Z'), at);
  t.equal(parseFilterDate('2026-11-28T07:19:37'), at);
  t.equal(parseFilterDate('2026-11-28 07:19:37'), at);
  t.equal(parseFilterDate('2026-11-28t07:19:37z'), at);
  t.equal(parseFilterDate('2026-11-28T07:19:37.5Z'), at + 500);
  t.equal(parseFilterDate('2026-11-28T07:19:37.1234567Z'), at + 123);
  t.equal(parseFilterDate('2026-11-28T07:19'), at - 37_000);
  t.equal(parseFilterDate('2026-11-28'), Date.parse('2026-11-28T00:00:00Z'));
  for (const bad of [
    '2026-02-30',
    '2026-13-01',
    '2026-11-28T24:00:00',
    '2026-11-28T07:60',
    '28.11.2026',
    'yesterday',
    '2026-11-28T07:19:37+02:00',
    '',
  ]) {
    t.equal(parseFilterDate(bad), undefined, bad);
  }
});

interface Row {
  id: string;
  n: string;
  t: number;
  e?: number;
  r: string;
  k: number;
  b: boolean;
}

const fields: QueryField<Row>[] = [
  { name: 'Name', kind: 'string', get: (r) => r.n },
  { name: 'Time', kind: 'date', timeKey: true, get: (r) => r.t },
  { name: 'End', kind: 'date', get: (r) => r.e },
  { name: 'Result', kind: 'enum', values: ['Success', 'Warning', 'Failed'], get: (r) => r.r },
  { name: 'Count', kind: 'number', get: (r) => r.k },
  { name: 'On', kind: 'bool', get: (r) => r.b },
  { name: 'UID', kind: 'uid', get: (r) => `urn:veeam:Row:${r.id}` },
];
const set = new FieldSet(fields);
const rows: Row[] = [
  {
    id: 'a',
    n: 'Alpha',
    t: Date.parse('2026-01-01T00:00:00Z'),
    e: Date.parse('2026-01-01T01:00:00Z'),
    r: 'Success',
    k: 1,
    b: true,
  },
  { id: 'b', n: 'beta', t: Date.parse('2026-01-02T00:00:00Z'), r: 'Warning', k: 2, b: false },
  {
    id: 'c',
    n: 'Gamma "G"',
    t: Date.parse('2026-01-03T00:00:00Z'),
    e: Date.parse('2026-01-03T05:00:00Z'),
    r: 'Failed',
    k: 3,
    b: true,
  },
];

function ids(filter: string): string {
  const f = compileFilter(parseFilter(filter), set, 'Row');
  return rows
    .filter((r) => f.test(r, 0))
    .map((r) => r.id)
    .join('');
}

t.test('compiled filters: every kind and operator', async (t) => {
  const cases: [filter: string, matches: string, why?: string][] = [
    ['name==ALPHA', 'a', 'strings compare case-insensitively'],
    ['Name!=alpha', 'bc'],
    ['Name>Beta', 'c'],
    ['Name<=beta', 'ab'],
    ['Name=="Gamma ""G"""', 'c'],
    ['Result>Success', 'bc', 'enums compare by documented order'],
    ['result<failed', 'ab'],
    ['Result>=WARNING', 'bc'],
    ['Time>=2026-01-02', 'bc'],
    ['Time>"2026-01-02T00:00:00Z"', 'c'],
    ['Time<2026-01-02T00:00:00', 'a'],
    ['Time==2026-01-02', 'b'],
    ['End<2026-01-02', 'a', 'an absent date matches no ordering comparison'],
    ['End!=2026-01-01T01:00:00Z', 'bc', 'an absent date is unequal to every date'],
    ['End==2026-01-01T01:00:00Z', 'a'],
    ['Count>=2', 'bc'],
    ['Count==2.0', 'b'],
    ['On==True', 'ac'],
    ['on!=true', 'b'],
    ['UID==URN:VEEAM:ROW:B', 'b', 'UIDs compare whole, case-insensitively'],
    ['UID==b', '', 'a bare id is not the UID'],
    ['Result==Failed,Name==alpha;Count==1', 'ac'],
    ['(Result==Failed,Name==alpha);Count==1', 'a'],
  ];
  for (const [filter, matches, why] of cases) t.equal(ids(filter), matches, why ?? filter);
});

t.test('compiled filters: time range hints, and when the range alone decides', async (t) => {
  const compiled = (f: string) => compileFilter(parseFilter(f), set, 'Row');
  const range = (f: string) => compiled(f).range;
  const d = (s: string) => Date.parse(s);
  t.same(range('Time>=2026-01-02;Time<2026-01-03'), { from: d('2026-01-02'), to: d('2026-01-03') - 1 });
  t.same(range('Time==2026-01-02'), { from: d('2026-01-02'), to: d('2026-01-02') });
  t.same(range('Time>2026-01-02,Time>2026-01-05'), { from: d('2026-01-02') + 1, to: Infinity });
  t.equal(compiled('Time>=2026-01-02;Time<2026-01-03').exact, true, 'bounds on the time key alone');
  t.equal(compiled('(Time>2026-01-02)').exact, true);
  t.equal(compiled('Time>2026-01-02;Name==x').exact, false, 'another field must still be tested');
  t.equal(compiled('Time>2026-01-02,Time<2026-01-01').exact, false, 'a union is not one range');
  t.equal(compiled('Time!=2026-01-02').exact, false);
  t.same(range('Time>2026-01-02,Name==x'), { from: -Infinity, to: Infinity }, 'OR with an unbounded side is unbounded');
  t.same(range('Time!=2026-01-02'), { from: -Infinity, to: Infinity });
  t.same(range('End>2026-01-02'), { from: -Infinity, to: Infinity }, 'only the time key narrows');
});

t.test('compile errors: unknown fields and ill-typed values, with positions', async (t) => {
  const err = (f: string) => {
    try {
      compileFilter(parseFilter(f), set, 'Row');
    } catch (e) {
      return (e as Error).message;
    }
    return 'no error';
  };
  t.equal(
    err('Name==x;Colour==red'),
    'Invalid filter at position 9: unknown field "Colour" for type Row; its fields are Name, Time, End, Result, Count, On, UID',
  );
  t.equal(
    err('Result==Great'),
    'Invalid filter at position 9: Result has no value "Great"; its values are Success, Warning, Failed',
  );
  t.equal(
    err('Time>"soon"'),
    'Invalid filter at position 6: Time is a date; "soon" is not a UTC date like 2026-01-31 or 2026-01-31T12:00:00Z',
  );
  t.equal(err('Count==two'), 'Invalid filter at position 8: Count is a number; "two" is not');
  t.equal(err('On==yes'), 'Invalid filter at position 5: On is true or false; "yes" is neither');
  t.match(err(`Time==${'9'.repeat(100)}`), /"9{60}…" is not a UTC date/);
});

t.test('query strings: lenient decoding, names case-insensitive, first wins', async (t) => {
  t.equal(decode('Job+1%20x'), 'Job 1 x');
  t.equal(decode('a%3D%3D%22b%22'), 'a=="b"');
  t.equal(decode('%ZZ%3D%'), '%ZZ=%', 'bad escapes stay as sent, good ones are decoded');
  t.equal(decode('%E2%82%AC%FF'), '%E2%82%AC%FF', 'an invalid UTF-8 run stays as sent');
  t.equal(decode('%E2%82%AC'), '€');
  t.equal(decode('a%41+%FF%zz%42'), 'aA %FF%zzB', 'a bad run among good ones: only it stays as sent');
  t.equal(decode('plain'), 'plain');
  const params = splitQuery('Type=job&FILTER=a%3D%3Db&flag&type=other');
  t.equal(param(params, 'type'), 'job');
  t.equal(param(params, 'filter'), 'a==b');
  t.equal(param(params, 'flag'), '');
  t.equal(param(params, 'missing'), undefined);
  t.same(splitQuery(''), []);
});

t.test('paging links re-serialize the query as EM does', async (t) => {
  // centreon-plugins tests/apps/backup/veeam/vbem/restapi/restapi.json (live EM 12): the client
  // sent type=BackupJobSession&format=Entities&filter=CreationTime>=2025-02-18T14:16:31.
  t.equal(
    pagingQuery('type=BackupJobSession&format=Entities&filter=CreationTime>=2025-02-18T14:16:31', 100, 1),
    'filter=CreationTime%3e%3d2025-02-18T14%3a16%3a31&format=Entities&type=BackupJobSession&pageSize=100&page=1',
  );
  // surfer190/veeam tests/test_client.py (live 9.5U4): the client's order, the filter re-encoded.
  t.equal(
    pagingQuery(
      'type=BackupJobSession&format=entities&filter=result==%22Failed%22;endtime%3E%222019-06-30%22',
      100,
      1,
      false,
    ),
    'type=BackupJobSession&format=entities&filter=result%3d%3d%22Failed%22%3bendtime%3e%222019-06-30%22&pageSize=100&page=1',
  );
  t.equal(
    pagingQuery('type=BackupJobSession&format=entities&filter=jobname=="Vrfpoller Servers ECS_Ter"', 100, 1, false),
    'type=BackupJobSession&format=entities&filter=jobname%3d%3d%22Vrfpoller+Servers+ECS_Ter%22&pageSize=100&page=1',
  );
  t.equal(pagingQuery('type=backupServer&pageSize=1', 1, 2), 'type=backupServer&pageSize=1&page=2');
  t.equal(
    pagingQuery('PAGESIZE=5&Page=9&type=Job&page=10&&', 5, 2),
    'type=Job&pageSize=5&page=2',
    'paging parameters move to the end, once',
  );
  t.equal(pagingQuery('', 100, 1), 'pageSize=100&page=1');
  t.equal(
    pagingQuery('v=latest&Type=job&sortAsc=Name', 100, 1),
    'sortAsc=Name&Type=job&v=latest&pageSize=100&page=1',
    'names sort case-insensitively, keep their spelling',
  );
  t.equal(
    pagingQuery("filter=Name==caf\u00e9 \ud800~'(x)*!", 1, 1),
    'filter=Name%3d%3dcaf%c3%a9+%ef%bf%bd%7e%27(x)*!&pageSize=1&page=1',
  );
  t.equal(urlEncode('a-b_c.d'), 'a-b_c.d');
  const links = pagingQueries('type=Job&filter=Name%3D%3D%22a%22&page=3');
  t.same(
    [links(10, 1), links(10, 4)],
    ['filter=Name%3d%3d%22a%22&type=Job&pageSize=10&page=1', 'filter=Name%3d%3d%22a%22&type=Job&pageSize=10&page=4'],
    'one query, every page of its links',
  );
});

t.test('urlEncode writes what a character-by-character .NET encoder writes, for any text', async (t) => {
  // The plain statement of the rule, one code point at a time (lone surrogates as U+FFFD).
  const oracle = (s: string) =>
    [...s]
      .map((ch) =>
        /^[A-Za-z0-9\-_.!*()]$/.test(ch)
          ? ch
          : ch === ' '
            ? '+'
            : [...new TextEncoder().encode(ch)].map((b) => `%${b.toString(16).padStart(2, '0')}`).join(''),
      )
      .join('');
  const text = fc
    .array(fc.oneof(fc.string({ unit: 'binary' }), fc.constantFrom('\ud800', '\udfff', ' ', '%', '>=', 'é', '😀')))
    .map((parts) => parts.join(''));
  fc.assert(fc.property(text, (s) => urlEncode(s) === oracle(s)));
  t.pass('every generated text encoded as the rule says');
});
