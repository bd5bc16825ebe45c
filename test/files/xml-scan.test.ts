import { expect } from 'chai';
import { decodeXml, XmlError, XmlScanner, type XmlHandler } from '../../store/files/xml-scan';

/** What a handler sees, with text pieces joined, so runs fed in different chunk sizes can be compared. */
function events(xml: string, chunk: number): string[] {
  const out: string[] = [];
  let text = '';
  const flush = () => {
    if (text) out.push(`text ${decodeXml(text)}`);
    text = '';
  };
  const h: XmlHandler = {
    open(name, attrs, selfClosing) {
      flush();
      out.push(`open ${name} ${JSON.stringify(attrs)}${selfClosing ? ' /' : ''}`);
    },
    close(name) {
      flush();
      out.push(`close ${name}`);
    },
    text(raw) {
      text += raw;
    },
    literal(t) {
      text += t.replace(/&/g, '&amp;');
    },
  };
  const scanner = new XmlScanner(h);
  for (let i = 0; i < xml.length; i += chunk) scanner.push(xml.slice(i, i + chunk));
  scanner.end();
  flush();
  return out;
}

describe('the XML scanner', () => {
  const xml =
    '<?xml version="1.0"?><x:root xmlns:x="u" a=\'1 > 0\'><!-- <c>not a cell</c> --><c r="A1" t = "s">fish &amp; chips &#x1F600;&#233;&lt;</c>' +
    '<v><![CDATA[<raw> & ]]]></v><e/><f k="&quot;q&quot;" /></x:root>';

  it('gives the same elements, attributes and text whatever size the chunks are', () => {
    const whole = events(xml, xml.length);
    expect(whole).to.deep.equal([
      'open root {"xmlns:x":"u","a":"1 > 0"}',
      'open c {"r":"A1","t":"s"}',
      'text fish & chips 😀é<',
      'close c',
      'open v {}',
      'text <raw> & ]',
      'close v',
      'open e {} /',
      'close e',
      'open f {"k":"\\"q\\""} /',
      'close f',
      'close root',
    ]);
    for (let size = 1; size <= 12; size++) expect(events(xml, size), `chunks of ${size}`).to.deep.equal(whole);
  });

  it('refuses a DTD, a tag that never ends, an attribute without quotes and a document cut short', () => {
    expect(() => events('<!DOCTYPE x [<!ENTITY a "b">]><x/>', 4)).to.throw(XmlError, /document type/);
    expect(() => events(`<c r="${'A'.repeat(70_000)}`, 4096)).to.throw(XmlError, /never ends/);
    expect(() => events('<c r=A1/>', 100)).to.throw(XmlError, /no quotes/);
    expect(() => events('<x><!-- open', 100)).to.throw(XmlError, /part-way/);
  });

  it('scans a long run of one character in linear time (no backtracking in attributes)', () => {
    const start = Date.now();
    expect(() => events(`<c ${'a'.repeat(60_000)}>`, 65_536)).to.throw(XmlError);
    expect(Date.now() - start).to.be.below(500);
  });
});
