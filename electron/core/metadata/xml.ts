/**
 * A minimal, namespace-aware XML reader for XMP packets. XMP written by other tools (exiftool,
 * Adobe apps) varies in whitespace, prefixes and attribute-vs-element form, so reading goes
 * through a real tree instead of pattern matching. DTDs are refused: XMP never has one, and
 * refusing them rules out entity-expansion tricks in untrusted files.
 */

export interface XmlAttribute {
  ns: string;
  local: string;
  value: string;
}

export interface XmlElement {
  ns: string;
  local: string;
  attributes: XmlAttribute[];
  children: XmlNode[];
}

export type XmlNode = XmlElement | string;

export const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

export class XmlSyntaxError extends Error {
  constructor(message: string, position: number) {
    super(`${message} at offset ${position}`);
    this.name = 'XmlSyntaxError';
  }
}

const NAMED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const NAME = /[^\s/>=<"']+/y;

/** Parses a document and returns its root element. Anything after the root (XMP padding, the
 * closing `<?xpacket end?>`) is ignored. */
export function parseXml(input: string): XmlElement {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  let pos = 0;
  const stack: { element: XmlElement; scope: Map<string, string>; rawName: string }[] = [];
  let root: XmlElement | null = null;

  const fail = (message: string): never => {
    throw new XmlSyntaxError(message, pos);
  };
  const skipPast = (terminator: string): string => {
    const end = text.indexOf(terminator, pos);
    if (end < 0) fail(`Unterminated construct, expected "${terminator}"`);
    const body = text.slice(pos, end);
    pos = end + terminator.length;
    return body;
  };
  const appendText = (value: string): void => {
    const top = stack[stack.length - 1];
    if (top && value !== '') top.element.children.push(value);
  };

  while (pos < text.length && root === null) {
    const lt = text.indexOf('<', pos);
    if (lt < 0) break;
    if (stack.length > 0) appendText(decodeCharacterData(text.slice(pos, lt), false, pos));
    pos = lt;
    if (text.startsWith('<?', pos)) {
      pos += 2;
      skipPast('?>');
    } else if (text.startsWith('<!--', pos)) {
      pos += 4;
      skipPast('-->');
    } else if (text.startsWith('<![CDATA[', pos)) {
      pos += 9;
      appendText(normaliseLineEnds(skipPast(']]>')));
    } else if (text.startsWith('<!', pos)) {
      fail('Document type declarations are not accepted in XMP');
    } else if (text.startsWith('</', pos)) {
      pos += 2;
      const rawName = skipPast('>').trim();
      const top = stack.pop();
      if (!top || top.rawName !== rawName) fail(`Unexpected closing tag </${rawName}>`);
      if (top && stack.length === 0) root = top.element;
    } else {
      pos += 1;
      const opened = readStartTag(text, pos, stack[stack.length - 1]?.scope);
      pos = opened.end;
      const parent = stack[stack.length - 1];
      if (parent) parent.element.children.push(opened.element);
      if (opened.selfClosing) {
        if (!parent) root = opened.element;
      } else {
        stack.push({ element: opened.element, scope: opened.scope, rawName: opened.rawName });
      }
    }
  }
  if (root === null) throw new XmlSyntaxError('No complete root element', pos);
  return root;
}

interface StartTag {
  element: XmlElement;
  scope: Map<string, string>;
  rawName: string;
  selfClosing: boolean;
  end: number;
}

function readStartTag(text: string, start: number, parentScope: Map<string, string> | undefined): StartTag {
  let pos = start;
  const readName = (): string => {
    NAME.lastIndex = pos;
    const match = NAME.exec(text);
    if (!match) throw new XmlSyntaxError('Expected a name', pos);
    pos = NAME.lastIndex;
    return match[0];
  };
  const skipSpace = (): void => {
    while (pos < text.length && /\s/.test(text[pos] ?? '')) pos++;
  };

  const rawName = readName();
  const rawAttributes: { name: string; value: string }[] = [];
  let selfClosing = false;
  for (;;) {
    skipSpace();
    if (pos >= text.length) throw new XmlSyntaxError('Unterminated start tag', pos);
    if (text.startsWith('/>', pos)) {
      selfClosing = true;
      pos += 2;
      break;
    }
    if (text[pos] === '>') {
      pos += 1;
      break;
    }
    const name = readName();
    skipSpace();
    if (text[pos] !== '=') throw new XmlSyntaxError(`Attribute ${name} has no value`, pos);
    pos += 1;
    skipSpace();
    const quote = text[pos];
    if (quote !== '"' && quote !== "'") throw new XmlSyntaxError('Expected a quoted value', pos);
    const close = text.indexOf(quote, pos + 1);
    if (close < 0) throw new XmlSyntaxError('Unterminated attribute value', pos);
    rawAttributes.push({ name, value: decodeCharacterData(text.slice(pos + 1, close), true, pos) });
    pos = close + 1;
  }

  const scope = new Map(parentScope ?? [['xml', XML_NS]]);
  for (const { name, value } of rawAttributes) {
    if (name === 'xmlns') scope.set('', value);
    else if (name.startsWith('xmlns:')) scope.set(name.slice(6), value);
  }
  const resolve = (qualified: string, isAttribute: boolean): { ns: string; local: string } => {
    const colon = qualified.indexOf(':');
    if (colon < 0) return { ns: isAttribute ? '' : (scope.get('') ?? ''), local: qualified };
    const prefix = qualified.slice(0, colon);
    // Tolerate undeclared prefixes (seen in hand-edited XMP) rather than losing the whole packet.
    return { ns: scope.get(prefix) ?? `urn:undeclared-prefix:${prefix}`, local: qualified.slice(colon + 1) };
  };

  const attributes: XmlAttribute[] = rawAttributes.map(({ name, value }) => {
    if (name === 'xmlns' || name.startsWith('xmlns:')) return { ns: XMLNS_NS, local: name, value };
    return { ...resolve(name, true), value };
  });
  const element: XmlElement = { ...resolve(rawName, false), attributes, children: [] };
  return { element, scope, rawName, selfClosing, end: pos };
}

function normaliseLineEnds(value: string): string {
  return value.replace(/\r\n?/g, '\n');
}

/** Decodes entity and character references. Literal line ends are normalised as XML requires;
 * characters written as references (`&#xD;`) are kept exactly, which is how a `\r` survives. */
function decodeCharacterData(raw: string, isAttribute: boolean, position: number): string {
  let out = '';
  let last = 0;
  const literal = (value: string): string => {
    const normalised = normaliseLineEnds(value);
    return isAttribute ? normalised.replace(/[\t\n]/g, ' ') : normalised;
  };
  for (let amp = raw.indexOf('&'); amp >= 0; amp = raw.indexOf('&', last)) {
    const semi = raw.indexOf(';', amp);
    if (semi < 0) throw new XmlSyntaxError('Unterminated entity reference', position + amp);
    out += literal(raw.slice(last, amp));
    out += decodeReference(raw.slice(amp + 1, semi), position + amp);
    last = semi + 1;
  }
  return out + literal(raw.slice(last));
}

function decodeReference(name: string, position: number): string {
  const named = NAMED_ENTITIES[name];
  if (named !== undefined) return named;
  const code = /^#x[0-9a-f]+$/i.test(name)
    ? Number.parseInt(name.slice(2), 16)
    : /^#[0-9]+$/.test(name)
      ? Number.parseInt(name.slice(1), 10)
      : NaN;
  if (!Number.isInteger(code) || code > 0x10ffff) throw new XmlSyntaxError(`Unknown entity &${name};`, position);
  return String.fromCodePoint(code);
}

/** Text children of an element, joined. */
export function textOf(element: XmlElement): string {
  return element.children.filter((child): child is string => typeof child === 'string').join('');
}

export function elementChildren(element: XmlElement): XmlElement[] {
  return element.children.filter((child): child is XmlElement => typeof child !== 'string');
}

export function attributeValue(element: XmlElement, ns: string, local: string): string | undefined {
  return element.attributes.find((a) => a.ns === ns && a.local === local)?.value;
}
