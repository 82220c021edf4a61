// The Henan package as files: it passes the platform's import validation with no problem and no
// warning; articles.json holds the seed's 30 items verbatim (the document numbers them 1.–30.,
// the package 第1条–第30条); every deadline parameter cites an item that exists; TRACE.md
// accounts for every item. No platform needed.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FormsService } from '../../../server/forms';
import { collectShipped } from '../../../server/packages/installShipped';
import { validatePackage } from '../../../server/packages/validatePackage';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const DIR = path.join(ROOT, 'processes/henan');
const articles = JSON.parse(readFileSync(path.join(DIR, 'articles.json'), 'utf8'));
const manifest = JSON.parse(readFileSync(path.join(DIR, 'manifest.json'), 'utf8'));
const trace = readFileSync(path.join(DIR, 'TRACE.md'), 'utf8');
const seed = readFileSync(path.join(ROOT, 'test/unit/periods/fixtures/seeds/henan-zhixingquan-jiandu.txt'), 'utf8');

describe('the Henan package', () => {
  it('passes import validation with no problem and no warning', async () => {
    const source = await collectShipped(ROOT, 'henan');
    const forms = new FormsService({} as never);
    const r = await validatePackage(source, {
      forms: { checkSchema: (s: unknown) => forms.checkSchema(s), latest: async () => null },
      provinceOf: async () => undefined,
      processOwner: async () => undefined,
    });
    expect(r.problems).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.pkg?.manifest.processes).toHaveLength(10);
    expect(r.pkg?.forms).toHaveLength(manifest.forms.length);
  });

  it('holds the 30 items verbatim as 第1条–第30条 (the seed numbers them 1.–30.)', () => {
    const list = articles.documents[0].articles as { no: string; text: string }[];
    expect(list.map((a) => a.no)).toEqual(Array.from({ length: 30 }, (_, i) => `第${i + 1}条`));
    const flat = (s: string) => s.replace(/\s+/g, '');
    const source = flat(seed);
    // Each item as the seed prints it: its number, a full stop, then the text, character for character.
    for (const [i, a] of list.entries()) expect(source, a.no).toContain(`${i + 1}.${flat(a.text)}`);
  });

  it('every deadline is a parameter whose basis cites an item of the document', () => {
    const nos = new Set(articles.documents[0].articles.map((a: { no: string }) => a.no));
    for (const p of manifest.parameters as { id: string; basis: string }[]) {
      const cited = p.basis.match(/第\d+条/g) ?? [];
      expect(cited.length, p.id).toBeGreaterThan(0);
      for (const no of cited) expect(nos.has(no), `${p.id}: ${no}`).toBe(true);
    }
  });

  it('TRACE.md accounts for every item', () => {
    for (let i = 1; i <= 30; i++) expect(trace, `第${i}条`).toMatch(new RegExp(`^\\| 第${i}条 \\|`, 'm'));
  });
});
