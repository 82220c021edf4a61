// A diagram file's text. UTF-8 is the platform's encoding; a file whose XML declaration names
// another encoding (GBK / GB18030 from older Chinese tools) is accepted when it decodes cleanly
// with it, and is stored as UTF-8 with the declaration rewritten — so the package exports as
// UTF-8 from then on, and an export re-imports byte for byte.
const DECLARED = /^\uFEFF?\s*<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/;

export type Decoded = { xml: string; transcodedFrom?: string } | { problem: string };

export function decodeDiagram(path: string, data: Buffer): Decoded {
  const declared = DECLARED.exec(data.subarray(0, 256).toString('latin1'))?.[1];
  const utf8 = !declared || /^utf-?8$/i.test(declared);
  let decoder: InstanceType<typeof TextDecoder>;
  try {
    decoder = new TextDecoder(utf8 ? 'utf-8' : declared, { fatal: true });
  } catch {
    return { problem: `${path} 声明的编码「${declared}」平台不认识：请另存为 UTF-8` };
  }
  let text: string;
  try {
    text = decoder.decode(data);
  } catch {
    return { problem: utf8 ? `${path} 不是 UTF-8 编码的文本` : `${path} 声明为 ${declared} 编码，但内容不能按该编码解读：请另存为 UTF-8` };
  }
  if (utf8) return { xml: text };
  return { xml: text.replace(DECLARED, (m, enc: string) => m.replace(enc, 'UTF-8')), transcodedFrom: declared };
}
