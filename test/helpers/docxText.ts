// The text of a .docx as a reader sees it: one line per paragraph, line breaks kept. Tests
// check documents by what they say, never by their bytes.
import PizZip from 'pizzip';

const unescape = (s: string) =>
  s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

export function docxText(data: Buffer, part = 'word/document.xml'): string {
  const xml = new PizZip(data).file(part)?.asText();
  if (xml === undefined) throw new Error(`${part} missing`);
  return xml
    .split(/<\/w:p>/)
    .map((p) => p.replace(/<w:br\/>/g, '\n').replace(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<[^>]+>/g, (_m, t?: string) => (t === undefined ? '' : unescape(t))))
    .join('\n')
    .replace(/\n+$/, '');
}

/** Every XML part of the zip parses (well-formed): what Word and LibreOffice need first. */
export function xmlParts(data: Buffer): { name: string; xml: string }[] {
  const zip = new PizZip(data);
  return Object.keys(zip.files).filter((n) => /\.(xml|rels)$/.test(n)).map((name) => ({ name, xml: zip.file(name)!.asText() }));
}
