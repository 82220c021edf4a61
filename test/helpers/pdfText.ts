// A PDF read back the way a reader sees it, with pdf.js (pdfjs-dist): the text of each page and
// the fonts it draws with, each either embedded in the file or not. Tests check documents by what
// they say, never by their bytes.
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfFont { name: string; embedded: boolean }
export interface PdfRead { pages: string[]; text: string; fonts: PdfFont[]; pageSize: { width: number; height: number } }

export async function readPdf(data: Buffer | Uint8Array): Promise<PdfRead> {
  const doc = await getDocument({ data: new Uint8Array(data), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  try {
    const pages: string[] = [];
    const fonts = new Map<string, PdfFont>();
    let pageSize = { width: 0, height: 0 };
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      if (n === 1) {
        const v = page.getViewport({ scale: 1 });
        pageSize = { width: Math.round(v.width), height: Math.round(v.height) };
      }
      const content = await page.getTextContent();
      // One line per text run ending in a line break, as pdf.js reports them.
      pages.push(content.items.map((i) => ('str' in i ? i.str + (i.hasEOL ? '\n' : '') : '')).join(''));
      const ops = await page.getOperatorList();
      for (let i = 0; i < ops.fnArray.length; i++) {
        if (ops.fnArray[i] !== OPS.setFont) continue;
        const ref = (ops.argsArray[i] as [string])[0];
        const font = page.commonObjs.get(ref) as { name?: string; loadedName?: string; missingFile?: boolean };
        const name = font.name ?? font.loadedName ?? ref;
        fonts.set(name, { name, embedded: !font.missingFile });
      }
    }
    return { pages, text: pages.join('\n'), fonts: [...fonts.values()], pageSize };
  } finally {
    await doc.destroy();
  }
}
