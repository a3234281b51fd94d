import t from 'tap';
import { el, list, links } from '../src/repr/tree.js';
import { xmlDocument, xmlFragment, escapeAttr, escapeText } from '../src/repr/xml.js';
import { jsonDocument, jsonFragment } from '../src/repr/json.js';

t.test('XML escaping keeps documents well-formed', async (t) => {
  t.equal(escapeText('a & b < c > d "e"'), 'a &amp; b &lt; c &gt; d "e"');
  t.equal(escapeAttr('a & "b"\n\t\r'), 'a &amp; &quot;b&quot;&#xA;&#x9;&#xD;');
  t.equal(escapeText('bell\u0007 and \uFFFE gone'), 'bell and  gone', 'characters XML 1.0 cannot carry are dropped');
});

t.test('layers: XML base first, JSON derived first; undefined omitted; null only in JSON', async (t) => {
  const node = el(
    'Thing',
    { elems: { Links: links([{ rel: 'Up', href: 'h' }]) }, attrs: { Href: 'x', Type: 'Thing' } },
    {
      attrs: { Name: 'n & m', Gone: undefined, Nothing: null },
      elems: { Count: 3, Flag: false, Skip: undefined, Null: null },
    },
  );
  t.equal(
    xmlFragment(node),
    '<Thing Href="x" Type="Thing" Name="n &amp; m"><Links><Link Href="h" Rel="Up" /></Links><Count>3</Count><Flag>false</Flag></Thing>',
  );
  t.equal(
    jsonFragment(node),
    '{"Count":3,"Flag":false,"Null":null,"Name":"n & m","Nothing":null,"Links":[{"Rel":"Up","Href":"h","Name":null,"Type":null}],"Href":"x","Type":"Thing"}',
  );
  t.equal(
    jsonFragment(el('N', { elems: { Inf: Number.POSITIVE_INFINITY } })),
    '{"Inf":null}',
    'non-finite numbers cannot be JSON numbers',
  );
});

t.test('lists: empty, as documents, and nested (doubled JSON wrappers)', async (t) => {
  const empty = list('EntityReferences', 'Refs', []);
  t.equal(
    xmlDocument(empty),
    '<?xml version="1.0" encoding="utf-8"?><EntityReferences xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://www.veeam.com/ent/v1.0" />',
  );
  t.equal(jsonDocument(empty), '{"Refs":[]}');
  t.equal(xmlFragment(empty), '<EntityReferences />');
  t.equal(jsonFragment(list('Refs', 'Refs', [el('Ref', { attrs: { UID: 'u' } })])), '[{"UID":"u"}]');
  const nested = el('QueryResult', { elems: { Refs: list('Refs', 'Refs', [el('Ref', { attrs: { UID: 'u' } })]) } });
  t.equal(jsonDocument(nested), '{"Refs":{"Refs":[{"UID":"u"}]}}');
  t.equal(xmlFragment(nested), '<QueryResult><Refs><Ref UID="u" /></Refs></QueryResult>');
  const raw = list('Xs', 'Xs', [{ kind: 'raw', xml: '<X />', json: '{}' }]);
  t.equal(xmlFragment(raw), '<Xs><X /></Xs>');
  t.equal(jsonDocument(raw), '{"Xs":[{}]}');
  t.equal(jsonDocument(el('E', { elems: { R: { kind: 'raw', xml: '<R />', json: '1' } } })), '{"R":1}');
  t.equal(xmlFragment(el('E', { elems: { R: { kind: 'raw', xml: '<R />', json: '1' } } })), '<E><R /></E>');
});

t.test('sorted JSON keys (EM error style)', async (t) => {
  t.equal(
    jsonDocument({ ...el('E', { attrs: { b: 1, a: 2 } }, { elems: { c: 3 } }), sortJsonKeys: true }),
    '{"a":2,"b":1,"c":3}',
  );
});

t.test('XML escaping is .NET XmlSerializer’s, not the DOM Parsing spec’s (xmlbuilder2’s own)', async (t) => {
  // An `&` that already looks like an entity is escaped again; tabs and line breaks in attributes are entitized.
  t.equal(
    xmlFragment(el('N', { attrs: { A: '&amp; x\ty\r\n' }, elems: { T: '&lt;b&gt;', Bell: '\u0007', Empty: '' } })),
    '<N A="&amp;amp; x&#x9;y&#xD;&#xA;"><T>&amp;lt;b&amp;gt;</T><Bell></Bell><Empty /></N>',
  );
});
