/**
 * XMP packets: a flat list of top-level properties ⇄ RDF/XML text. Only the value shapes Seedbank
 * writes are modelled (simple text, x-default language alternative, bag, seq); richer shapes from
 * other tools (structs, qualifiers) are skipped on reading rather than failing the packet.
 */
import { attributeValue, elementChildren, parseXml, textOf, XML_NS } from './xml';
import type { XmlElement } from './xml';

export const NS = {
  x: 'adobe:ns:meta/',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  dc: 'http://purl.org/dc/elements/1.1/',
  xmp: 'http://ns.adobe.com/xap/1.0/',
  xmpNote: 'http://ns.adobe.com/xmp/note/',
  seedbank: 'https://seedbank.app/ns/1.0/',
} as const;

export type XmpValue =
  | { kind: 'text'; text: string }
  | { kind: 'alt'; text: string }
  | { kind: 'bag'; items: string[] }
  | { kind: 'seq'; items: string[] };

export interface XmpProperty {
  ns: string;
  name: string;
  value: XmpValue;
}

// The id every XMP writer uses in the packet header; readers look for it.
const PACKET_ID = 'W5M0MpCehiHzreSzNTczkc9d';

/** Characters XML 1.0 text cannot hold: C0 controls other than tab/LF/CR, lone surrogates and
 * U+FFFE/U+FFFF. Not even a character reference can carry them. */
const XML_UNSAFE =
  // eslint-disable-next-line no-control-regex -- matching these control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function isXmlSafe(value: string): boolean {
  XML_UNSAFE.lastIndex = 0;
  return !XML_UNSAFE.test(value);
}

/** The text with every character XML cannot carry replaced by U+FFFD. */
export function toXmlSafe(value: string): string {
  return value.replace(XML_UNSAFE, '\uFFFD');
}

/** Escapes element text. `\r` becomes a character reference because readers turn a literal one
 * into `\n`; `>` is escaped so `]]>` can never appear. */
function escapeText(value: string): string {
  if (!isXmlSafe(value)) throw new Error('Text contains characters XML cannot carry');
  return value.replace(/[&<>\r]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&#xD;'));
}

function prefixes(properties: readonly XmpProperty[]): Map<string, string> {
  const known = new Map<string, string>(Object.entries(NS).map(([prefix, uri]) => [uri, prefix]));
  const used = new Map<string, string>();
  let next = 1;
  for (const { ns } of properties) {
    if (used.has(ns)) continue;
    used.set(ns, known.get(ns) ?? `ns${next++}`);
  }
  return used;
}

function serializeValue(value: XmpValue, indent: string): string {
  switch (value.kind) {
    case 'text':
      return escapeText(value.text);
    case 'alt':
      return `\n${indent} <rdf:Alt>\n${indent}  <rdf:li xml:lang="x-default">${escapeText(value.text)}</rdf:li>\n${indent} </rdf:Alt>\n${indent}`;
    case 'bag':
    case 'seq': {
      const tag = value.kind === 'bag' ? 'rdf:Bag' : 'rdf:Seq';
      const items = value.items.map((item) => `${indent}  <rdf:li>${escapeText(item)}</rdf:li>\n`).join('');
      return `\n${indent} <${tag}>\n${items}${indent} </${tag}>\n${indent}`;
    }
  }
}

/**
 * Serialises properties into one rdf:Description. `wrapper` adds the `<?xpacket?>` processing
 * instructions; the extended part of a JPEG's Extended XMP must go without them.
 */
export function serializeXmp(properties: readonly XmpProperty[], options: { wrapper: boolean }): string {
  const prefixOf = prefixes(properties);
  const declarations = [...prefixOf].map(([uri, prefix]) => `\n    xmlns:${prefix}="${uri}"`).join('');
  const body = properties
    .map(({ ns, name, value }) => {
      const qname = `${prefixOf.get(ns) ?? ''}:${name}`;
      return `   <${qname}>${serializeValue(value, '   ')}</${qname}>\n`;
    })
    .join('');
  const xml =
    `<x:xmpmeta xmlns:x="${NS.x}" x:xmptk="Seedbank">\n` +
    ` <rdf:RDF xmlns:rdf="${NS.rdf}">\n` +
    `  <rdf:Description rdf:about=""${declarations}>\n` +
    body +
    `  </rdf:Description>\n` +
    ` </rdf:RDF>\n` +
    `</x:xmpmeta>`;
  if (!options.wrapper) return xml;
  return `<?xpacket begin="\uFEFF" id="${PACKET_ID}"?>\n${xml}\n<?xpacket end="w"?>`;
}

function findDescendant(element: XmlElement, ns: string, local: string): XmlElement | null {
  if (element.ns === ns && element.local === local) return element;
  for (const child of elementChildren(element)) {
    const found = findDescendant(child, ns, local);
    if (found) return found;
  }
  return null;
}

function readPropertyElement(element: XmlElement): XmpValue | null {
  const resource = attributeValue(element, NS.rdf, 'resource');
  if (resource !== undefined) return { kind: 'text', text: resource };
  const children = elementChildren(element);
  if (children.length === 0) return { kind: 'text', text: textOf(element) };
  const container = children[0];
  if (!container || container.ns !== NS.rdf) return null;
  const items = elementChildren(container).filter((li) => li.ns === NS.rdf && li.local === 'li');
  if (container.local === 'Alt') {
    const chosen = items.find((li) => attributeValue(li, XML_NS, 'lang') === 'x-default') ?? items[0];
    return chosen ? { kind: 'alt', text: textOf(chosen) } : null;
  }
  if (container.local === 'Bag') return { kind: 'bag', items: items.map(textOf) };
  if (container.local === 'Seq') return { kind: 'seq', items: items.map(textOf) };
  return null;
}

const STRUCTURAL_NS = new Set<string>([NS.rdf, XML_NS, 'http://www.w3.org/2000/xmlns/']);

/** Reads every top-level property of every rdf:Description, in either attribute or element
 * form. Throws on malformed XML; returns [] when there is no rdf:RDF. */
export function parseXmp(xml: string): XmpProperty[] {
  const rdf = findDescendant(parseXml(xml), NS.rdf, 'RDF');
  if (!rdf) return [];
  const properties: XmpProperty[] = [];
  for (const description of elementChildren(rdf)) {
    if (description.ns !== NS.rdf || description.local !== 'Description') continue;
    for (const attribute of description.attributes) {
      if (STRUCTURAL_NS.has(attribute.ns) || attribute.ns === '') continue;
      properties.push({ ns: attribute.ns, name: attribute.local, value: { kind: 'text', text: attribute.value } });
    }
    for (const child of elementChildren(description)) {
      const value = readPropertyElement(child);
      if (value) properties.push({ ns: child.ns, name: child.local, value });
    }
  }
  return properties;
}

export function findProperty(properties: readonly XmpProperty[], ns: string, name: string): XmpValue | undefined {
  return properties.find((p) => p.ns === ns && p.name === name)?.value;
}
