import t from 'tap';
import { FILTERS_KEPT, parseQueryRequest, QueryTypes } from '../src/query/request.js';
import { resourceTypes } from '../src/resources/index.js';
import { EmError } from '../src/errors.js';

// /query keeps the filters it compiled lately (src/query/request.ts): a client's repeated filter
// is not parsed again, a bad one is refused every time, and the kept ones are bounded.

const filterOf = (types: QueryTypes, filter: string, page = 1) =>
  parseQueryRequest(`type=RestoreSession&filter=${encodeURIComponent(filter)}&page=${page}`, types).plan.filter;

t.test('a repeated filter is compiled once, whatever the page or the spelling of the type', async (t) => {
  const types = new QueryTypes(resourceTypes);
  const first = filterOf(types, 'Result==Failed');
  t.ok(first);
  t.equal(filterOf(types, 'Result==Failed', 3), first, 'another page of the same query');
  t.equal(
    parseQueryRequest('type=restoresession&filter=Result%3D%3DFailed', types).plan.filter,
    first,
    'the type named in other case',
  );
  t.not(filterOf(types, 'Result==Success'), first, 'another filter');
  t.not(filterOf(new QueryTypes(resourceTypes), 'Result==Failed'), first, 'each QueryTypes keeps its own');
  t.not(
    parseQueryRequest('type=BackupJobSession&filter=Result%3D%3DFailed', types).plan.filter,
    first,
    'the same text on another type is compiled for that type',
  );
});

t.test('a bad filter is refused every time, and nothing of it is kept', async (t) => {
  const types = new QueryTypes(resourceTypes);
  const refusal = (filter: string) => {
    try {
      filterOf(types, filter);
      return 'accepted';
    } catch (e) {
      return e instanceof EmError ? `${e.status} ${e.message}` : String(e);
    }
  };
  for (let i = 0; i < 2; i++) {
    t.match(refusal('Result==Nope'), /^400 .*Nope/, 'an unknown value');
    t.match(refusal('Result=='), /^400 /, 'a syntax error');
  }
});

t.test(`at most ${FILTERS_KEPT} filters are kept, the least recently used dropped first`, async (t) => {
  const types = new QueryTypes(resourceTypes);
  const oldest = filterOf(types, 'VmDisplayName=="vm-0"');
  const kept = filterOf(types, 'VmDisplayName=="vm-1"');
  for (let i = 2; i <= FILTERS_KEPT; i++) filterOf(types, `VmDisplayName=="vm-${i}"`);
  // Full now; using vm-1 again makes vm-0 the least recently used.
  t.equal(filterOf(types, 'VmDisplayName=="vm-1"'), kept);
  filterOf(types, 'VmDisplayName=="one more"');
  t.equal(filterOf(types, 'VmDisplayName=="vm-1"'), kept, 'a recently used filter stays');
  t.not(
    filterOf(types, 'VmDisplayName=="vm-0"'),
    oldest,
    'the least recently used one was dropped and is compiled again',
  );
});
