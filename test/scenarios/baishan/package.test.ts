// The Baishan package as a whole, on its files: it passes the platform's import validation with
// no problem and no warning, articles.json holds all 24 articles verbatim (compared with the
// seed after whitespace), every deadline is a parameter with its basis, and TRACE.md accounts
// for every article.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FormsService } from '../../../server/forms';
import { collectShipped } from '../../../server/packages/installShipped';
import { validatePackage } from '../../../server/packages/validatePackage';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const DIR = path.join(ROOT, 'processes/baishan');
const articles = JSON.parse(readFileSync(path.join(DIR, 'articles.json'), 'utf8'));
const SEED = '/work/shared/seeds/jilin-baishan-jiandu-zhixiao.txt';

describe('the Baishan package', () => {
  it('passes import validation with no problem and no warning; every deadline is a parameter', async () => {
    const source = await collectShipped(ROOT, 'baishan');
    const forms = new FormsService({} as never);
    const r = await validatePackage(source, {
      forms: { checkSchema: (s: unknown) => forms.checkSchema(s), latest: async () => null },
      provinceOf: async () => undefined,
      processOwner: async () => undefined,
    });
    expect(r.problems).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.pkg?.manifest.issuer).toBe('jl-bs-zy');
    const params = r.pkg!.manifest.parameters;
    expect(params.every((p) => /^白山规定 第/.test(p.basis))).toBe(true);
    // One parameter per element with a deadline: the check above refuses a missing one.
    expect(new Set(params.map((p) => p.element)).size).toBe(params.length);
  });

  it('holds all 24 articles, 第一条 to 第二十四条, in order', () => {
    const nos = articles.documents[0].articles.map((a: { no: string }) => a.no);
    expect(nos).toHaveLength(24);
    expect(nos[0]).toBe('第一条');
    expect(nos[23]).toBe('第二十四条');
  });

  it.runIf(existsSync(SEED))('each article is the seed’s text, whitespace aside', () => {
    const seed = readFileSync(SEED, 'utf8').replace(/\s+/g, '');
    for (const a of articles.documents[0].articles) expect(seed, a.no).toContain(`${a.no}${a.text.replace(/\s+/g, '')}`);
  });

  // 条文：白山规定 第二十三条
  it('in force from its issue: the regulation’s date 二0一六年三月七日 is the effective date', () => {
    const m = JSON.parse(readFileSync(path.join(DIR, 'manifest.json'), 'utf8'));
    expect(m.regulation.effective).toBe('2016-03-07');
  });

  // 条文：白山规定 第二十四条、第一条
  it('records the higher rules it sits under: the SPC’s two regulations of 第一条 and the 吉林高院’s', () => {
    const m = JSON.parse(readFileSync(path.join(DIR, 'manifest.json'), 'utf8'));
    expect(m.higherRules.map((r: { issuer: string; title: string }) => [r.issuer, r.title])).toEqual([
      ['spc', '最高人民法院关于执行案件督办工作的规定'], ['spc', '最高人民法院关于人民法院执行工作若干问题的规定（试行）'],
      ['jl-gy', '吉林省高级人民法院的执行督办规定（平台上以吉林高院发布的程序包为准）'],
    ]);
  });

  it('TRACE.md accounts for every article', () => {
    const trace = readFileSync(path.join(DIR, 'TRACE.md'), 'utf8');
    for (const a of articles.documents[0].articles) expect(trace, a.no).toMatch(new RegExp(`^\\| ${a.no} \\|`, 'm'));
  });
});
