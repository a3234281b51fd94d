import t from 'tap';
import { matchExpected, pretty, prettyXml, wireForm } from './expected.js';

const XML =
  '<?xml version="1.0" encoding="utf-8"?><Task xmlns="http://www.veeam.com/ent/v1.0" Href="a?b=1&amp;c=2"><Links><Link Rel="Up" /></Links>' +
  '<Reason /><State>Finished</State><Empty></Empty></Task>';

t.test('XML: one token a line, text kept with its element, idempotent', async (t) => {
  t.equal(
    prettyXml(XML),
    [
      '<?xml version="1.0" encoding="utf-8"?>',
      '<Task xmlns="http://www.veeam.com/ent/v1.0" Href="a?b=1&amp;c=2">',
      '  <Links>',
      '    <Link Rel="Up" />',
      '  </Links>',
      '  <Reason />',
      '  <State>Finished</State>',
      '  <Empty></Empty>',
      '</Task>',
      '',
    ].join('\n'),
  );
  t.equal(prettyXml(prettyXml(XML)), prettyXml(XML));
});

t.test('the wire form is checked apart from the pretty comparison', async (t) => {
  t.equal(wireForm(XML, 'xml'), undefined);
  t.equal(wireForm(prettyXml(XML), 'xml'), 'XML has whitespace between tags');
  t.equal(wireForm('{"A":[1,null]}', 'json'), undefined);
  t.equal(wireForm('{"A": 1}', 'json'), 'JSON is not compact');
  t.equal(pretty('{"A":[1,null]}', 'json'), '{\n  "A": [\n    1,\n    null\n  ]\n}\n');
});

t.test('matchExpected fails on a different body and on a missing file', async (t) => {
  const results: [unknown, unknown][] = [];
  const spy = { equal: (a: unknown, b: unknown) => results.push([a, b]), pass: () => results.push([true, true]) };
  matchExpected(spy, '{"Name":"other"}', 'expected-test/sample', 'json');
  t.same(results[0], [undefined, undefined], 'compact');
  t.not(results[1]![0], results[1]![1], 'a different body does not match');
  results.length = 0;
  matchExpected(spy, '{"Name":"sample"}', 'expected-test/sample', 'json');
  t.equal(results[1]![0], results[1]![1], 'the same body matches');
  results.length = 0;
  matchExpected(spy, '{}', 'expected-test/none', 'json');
  t.not(results[1]![0], results[1]![1], 'a missing file fails');
});
