import { describe, expect, it } from 'vitest';
import { findProperty, NS, parseXmp, serializeXmp } from './xmp';
import type { XmpProperty } from './xmp';

const awkward = 'a <b> & "c" \'d\' ]]> \r\n\ttab  🌱 \u00a0 e\u0301';

describe('serializeXmp / parseXmp', () => {
  it('round-trips text, alternatives, bags and seqs with awkward text', () => {
    const props: XmpProperty[] = [
      { ns: NS.dc, name: 'description', value: { kind: 'alt', text: awkward } },
      { ns: NS.dc, name: 'subject', value: { kind: 'bag', items: [awkward, '', ' spaced '] } },
      { ns: NS.seedbank, name: 'Inputs', value: { kind: 'seq', items: ['2', '1'] } },
      { ns: NS.seedbank, name: 'Empty', value: { kind: 'text', text: '' } },
      { ns: 'urn:example:other/', name: 'Thing', value: { kind: 'text', text: awkward } },
    ];
    expect(parseXmp(serializeXmp(props, { wrapper: true }))).toEqual(props);
  });

  it('refuses text that XML cannot carry', () => {
    const props: XmpProperty[] = [{ ns: NS.dc, name: 'title', value: { kind: 'text', text: 'bell\u0007' } }];
    expect(() => serializeXmp(props, { wrapper: false })).toThrow(/XML cannot carry/);
  });
});

describe('parseXmp reading other writers', () => {
  it('reads attribute-form properties, other prefixes and any whitespace', () => {
    const xml = `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><r:RDF xmlns:r="${NS.rdf}"
      ><r:Description r:about="" xmlns:a="${NS.xmp}" a:Rating = '3'   a:Label="Red&#10;x"/><r:Description
      xmlns:d="${NS.dc}"><d:subject><r:Bag><r:li>one</r:li>
      <r:li>two &amp; three</r:li></r:Bag></d:subject></r:Description></r:RDF></x:xmpmeta>
      ${' '.repeat(100)}<?xpacket end="w"?>`;
    const props = parseXmp(xml);
    expect(findProperty(props, NS.xmp, 'Rating')).toEqual({ kind: 'text', text: '3' });
    expect(findProperty(props, NS.xmp, 'Label')).toEqual({ kind: 'text', text: 'Red\nx' });
    expect(findProperty(props, NS.dc, 'subject')).toEqual({ kind: 'bag', items: ['one', 'two & three'] });
  });

  it('prefers the x-default item of a language alternative', () => {
    const xml = `<rdf:RDF xmlns:rdf="${NS.rdf}"><rdf:Description xmlns:dc="${NS.dc}"><dc:description><rdf:Alt>
      <rdf:li xml:lang="de">Hallo</rdf:li><rdf:li xml:lang="x-default">Hello</rdf:li></rdf:Alt></dc:description></rdf:Description></rdf:RDF>`;
    expect(findProperty(parseXmp(xml), NS.dc, 'description')).toEqual({ kind: 'alt', text: 'Hello' });
  });

  it('reads CDATA and numeric character references', () => {
    const xml = `<rdf:RDF xmlns:rdf="${NS.rdf}"><rdf:Description xmlns:dc="${NS.dc}"><dc:title><![CDATA[<raw> & ]]>&#x1F331;&#65;</dc:title></rdf:Description></rdf:RDF>`;
    expect(findProperty(parseXmp(xml), NS.dc, 'title')).toEqual({ kind: 'text', text: '<raw> & 🌱A' });
  });

  it('skips structures it does not model instead of failing', () => {
    const xml = `<rdf:RDF xmlns:rdf="${NS.rdf}"><rdf:Description xmlns:e="urn:e/"><e:Struct rdf:parseType="Resource"><e:x>1</e:x></e:Struct>
      <e:Plain>kept</e:Plain></rdf:Description></rdf:RDF>`;
    expect(parseXmp(xml)).toEqual([{ ns: 'urn:e/', name: 'Plain', value: { kind: 'text', text: 'kept' } }]);
  });

  it('refuses a document type declaration', () => {
    expect(() => parseXmp('<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>')).toThrow(/Document type/);
  });

  it('throws on mismatched tags', () => {
    expect(() => parseXmp(`<rdf:RDF xmlns:rdf="${NS.rdf}"><a></b></rdf:RDF>`)).toThrow();
  });

  it('returns no properties when there is no rdf:RDF', () => {
    expect(parseXmp('<x:xmpmeta xmlns:x="adobe:ns:meta/"/>')).toEqual([]);
  });
});
