// The Hainan package as a whole: it passes the platform's import validation (the checks an
// upload gets), every article of both documents is in articles.json, and TRACE.md accounts
// for each of them. No platform needed: these are checks on the files.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FormsService } from '../../../server/forms';
import { collectShipped } from '../../../server/packages/installShipped';
import { validatePackage } from '../../../server/packages/validatePackage';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const DIR = path.join(ROOT, 'processes/hainan');
const articles = JSON.parse(readFileSync(path.join(DIR, 'articles.json'), 'utf8'));
const trace = readFileSync(path.join(DIR, 'TRACE.md'), 'utf8');

describe('the Hainan package', () => {
  it('passes import validation with no problem and no warning', async () => {
    const source = await collectShipped(ROOT, 'hainan');
    source.files.delete('TRACE.md'); // documentation beside the package, not part of the zip
    const forms = new FormsService({} as never);
    const r = await validatePackage(source, {
      forms: { checkSchema: (s: unknown) => forms.checkSchema(s), latest: async () => null },
      provinceOf: async () => undefined,
      processOwner: async () => undefined,
    });
    expect(r.problems).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.pkg?.manifest.parameters).toHaveLength(52);
    expect(r.pkg?.forms.map((f) => f.key)).toHaveLength(r.pkg!.manifest.forms.length);
  });

  it('holds every article of both documents: 办法 第一条–第十八条, 暂行规定 第一条–第三十条', () => {
    const count = Object.fromEntries(articles.documents.map((d: any) => [d.id, d.articles.length]));
    expect(count).toEqual({ 海南办法: 18, 海南暂行规定: 30 });
  });

  it('TRACE.md accounts for every article', () => {
    for (const doc of articles.documents) {
      const section = trace.split(/^## /m).find((s) => s.startsWith(doc.id));
      expect(section, doc.id).toBeDefined();
      for (const a of doc.articles) expect(section, `${doc.id} ${a.no}`).toMatch(new RegExp(`^\\| ${a.no} \\|`, 'm'));
    }
  });
});
