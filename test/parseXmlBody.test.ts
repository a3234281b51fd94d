import t from 'tap';
import { child, EM_NAMESPACE, parseXmlBody } from '../src/repr/parseXmlBody.js';
import { EmError } from '../src/errors.js';

// The body shape of EM's "Restore VM (Replace Original)" request (helpcenter sample), trimmed.
const RESTORE_SPEC =
  '<?xml version="1.0" encoding="utf-8"?>\r\n' +
  '<RestoreSpec xmlns="http://www.veeam.com/ent/v1.0" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\r\n' +
  '  <VmRestoreSpec>\r\n    <PowerOnAfterRestore>true</PowerOnAfterRestore>\r\n    <QuickRollback>false</QuickRollback>\r\n  </VmRestoreSpec>\r\n' +
  '</RestoreSpec>';

t.test('an EM request body becomes a plain tree of local names in EM namespace', async (t) => {
  const root = parseXmlBody(RESTORE_SPEC);
  t.equal(root.name, 'RestoreSpec');
  t.equal(root.namespace, EM_NAMESPACE);
  t.same(root.attrs, {}, 'namespace declarations are not attributes');
  const spec = child(root, 'VmRestoreSpec')!;
  t.same(
    spec.children.map((c) => [c.name, c.namespace, c.text]),
    [
      ['PowerOnAfterRestore', EM_NAMESPACE, 'true'],
      ['QuickRollback', EM_NAMESPACE, 'false'],
    ],
  );
  t.equal(child(root, 'Missing'), undefined);
});

t.test('no declaration, a Buffer, a BOM, attributes, entities and CDATA', async (t) => {
  const root = parseXmlBody(
    Buffer.from(
      '\uFEFF<Spec Name="a &amp; b" Note=\'1 > 0\'><Text>x &lt; y &#65;&#x42;<![CDATA[<raw>&]]></Text><Empty /></Spec>',
    ),
  );
  t.same(root, {
    name: 'Spec',
    namespace: null,
    attrs: { Name: 'a & b', Note: '1 > 0' },
    text: '',
    children: [
      { name: 'Text', namespace: null, attrs: {}, children: [], text: 'x < y AB<raw>&' },
      { name: 'Empty', namespace: null, attrs: {}, children: [], text: '' },
    ],
  });
});

t.test('a prefixed element keeps its local name', async (t) => {
  const root = parseXmlBody('<v:Spec xmlns:v="http://www.veeam.com/ent/v1.0"><v:A>1</v:A></v:Spec>');
  t.equal(root.name, 'Spec');
  t.equal(root.namespace, EM_NAMESPACE);
  t.equal(child(root, 'A')?.text, '1');
});

function refusal(fn: () => unknown): EmError {
  try {
    fn();
  } catch (err) {
    if (err instanceof EmError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

t.test('malformed XML is a 400 naming what was wrong', async (t) => {
  const cases: [string, RegExp][] = [
    ['', /no root element/],
    ['   ', /no root element/],
    ['not xml', /it does not start with markup/],
    ['<?xml version="1.0"?>', /no root element/],
    ['<a><b></a>', /<\/a> closes <b>/],
    ['<a>', /<a> is never closed/],
    ['</a>', /<\/a> closes no open element/],
    ['<a/><b/>', /not well-formed XML/],
    ['<a>&bogus;</a>', /starts no known entity reference/],
    ['<a>fish & chips</a>', /starts no known entity reference/],
    ['<!DOCTYPE a [<!ENTITY e "zz">]><a>&e;</a>', /DTD/],
    ['<a x="1" x="2"/>', /<a> has the attribute x twice/],
  ];
  for (const [body, message] of cases) {
    const err = refusal(() => parseXmlBody(body));
    t.equal(err.status, 400, JSON.stringify(body));
    t.match(err.message, /^The request body is not well-formed XML: /);
    t.match(err.message, message, JSON.stringify(body));
  }
});

t.test('comments and processing instructions are skipped, a > in a quoted attribute is fine', async (t) => {
  const root = parseXmlBody(
    '<?xml version="1.0"?><!-- a <b> comment --><a q="x>y"><?pi data?><b>1</b><!-- </a> --></a>',
  );
  t.same([root.attrs, root.children.map((c) => c.name)], [{ q: 'x>y' }, ['b']]);
});
