// The Yunnan package as files: it passes the platform's import validation with no problem and no
// warning, articles.json holds every numbered item of the 整改方案 verbatim, and TRACE.md accounts
// for each of them. No platform needed.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FormsService } from '../../../server/forms';
import { collectShipped } from '../../../server/packages/installShipped';
import { validatePackage } from '../../../server/packages/validatePackage';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const DIR = path.join(ROOT, 'processes/yunnan');
const articles = JSON.parse(readFileSync(path.join(DIR, 'articles.json'), 'utf8'));
const trace = readFileSync(path.join(DIR, 'TRACE.md'), 'utf8');
const seed = readFileSync(path.join(ROOT, 'test/unit/periods/fixtures/seeds/yunnan-xuncha-zhenggai.txt'), 'utf8');

describe('the Yunnan package', () => {
  it('passes import validation with no problem and no warning', async () => {
    const source = await collectShipped(ROOT, 'yunnan');
    source.files.delete('TRACE.md');
    source.files.delete('DECISIONS.md');
    const forms = new FormsService({} as never);
    const r = await validatePackage(source, {
      forms: { checkSchema: (s: unknown) => forms.checkSchema(s), latest: async () => null },
      provinceOf: async () => undefined,
      processOwner: async () => undefined,
    });
    expect(r.problems).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.pkg?.manifest.processes).toHaveLength(7);
    expect(r.pkg?.forms).toHaveLength(r.pkg!.manifest.forms.length);
  });

  it('holds every numbered item of the 整改方案, each text word for word from the document', () => {
    const nos = articles.documents[0].articles.map((a: { no: string }) => a.no);
    expect(nos).toEqual([
      '一', '二.(一)', '二.(二)1', '二.(二)2', '二.(三)1', '二.(三)2', '二.(四)', '二.(五)1', '二.(五)2', '二.(六)1', '二.(六)2',
      '二.(七)1', '二.(七)2', '二.(七)3', '二.(八)', '三.(一)', '三.(二)', '三.(三)', '四', '四.(一)', '四.(二)', '四.(三)',
    ]);
    // Verbatim: every line of every item is in the document once page breaks are taken out.
    const flat = seed.replace(/\s*\n\s*/g, '');
    for (const a of articles.documents[0].articles) {
      for (const line of a.text.split('\n')) expect(flat.includes(line.replace(/\s*\n\s*/g, '')), `${a.no}: ${line.slice(0, 30)}`).toBe(true);
    }
  });

  it('TRACE.md accounts for every item', () => {
    const section = trace.split(/^## /m).find((s) => s.startsWith('云南整改方案'));
    for (const a of articles.documents[0].articles) expect(section, a.no).toContain(`| ${a.no} |`);
  });
});
