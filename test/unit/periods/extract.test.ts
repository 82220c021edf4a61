// Every period a careful reader finds in the five seed regulations, listed by hand per seed in
// fixtures/<seed>.periods.json (article, phrase, kind), and nothing else: no article numbers,
// dates of issue, document numbers (〔2018〕17号) or campaign names (百日会战) read as periods.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describePeriod, extractPeriods } from '../../../server/calendar/extract';
import { articlePeriods, splitArticles } from '../../../server/periods';
import type { Articles } from '../../../server/packages';

const here = path.dirname(new URL(import.meta.url).pathname);
const root = path.resolve(here, '../../..');
const fixture = (name: string) => JSON.parse(readFileSync(path.join(here, 'fixtures', `${name}.periods.json`), 'utf8')) as {
  periods: [string, string, string][];
  notPeriods: string[];
};
const seedArticles = (file: string): Articles => ({
  documents: [{ id: file, title: file, articles: splitArticles(readFileSync(path.join(here, 'fixtures/seeds', `${file}.txt`), 'utf8')) }],
});

const SEEDS: [string, () => Articles, boolean][] = [
  ['hainan', () => JSON.parse(readFileSync(path.join(root, 'processes/hainan/articles.json'), 'utf8')) as Articles, true],
  ['henan', () => seedArticles('henan-zhixingquan-jiandu'), false],
  ['baishan', () => seedArticles('jilin-baishan-jiandu-zhixiao'), false],
  ['shandong', () => seedArticles('shandong-jiben-jiejue-zhixingnan'), false],
  ['yunnan', () => seedArticles('yunnan-xuncha-zhenggai'), false],
];

describe('periods stated in the five seed regulations', () => {
  for (const [name, load, namedDocs] of SEEDS) {
    it(`${name}: every period the fixture lists, in order, with its article, and nothing else`, () => {
      const { periods, notPeriods } = fixture(name);
      const found = articlePeriods(load());
      const got = found.map((p) => [namedDocs ? `${p.document} ${p.no}` : p.no, p.found.phrase.replace(/\s+/g, ''), p.found.kind]);
      expect(got).toEqual(periods);
      for (const p of found) {
        // Each period stands in its sentence, and the sentence in the article.
        expect(p.found.sentence).toContain(p.found.phrase);
      }
      for (const words of notPeriods) {
        expect(found.filter((p) => p.found.phrase.includes(words) || words.includes(p.found.phrase.replace(/\s+/g, '')))).toEqual([]);
      }
    });
  }

  it('the negative examples are really in the seed texts (the test would otherwise prove nothing)', () => {
    const all = readFileSync(path.join(here, 'fixtures/seeds/henan-zhixingquan-jiandu.txt'), 'utf8')
      + readFileSync(path.join(here, 'fixtures/seeds/shandong-jiben-jiejue-zhixingnan.txt'), 'utf8')
      + readFileSync(path.join(here, 'fixtures/seeds/yunnan-xuncha-zhenggai.txt'), 'utf8')
      + readFileSync(path.join(here, 'fixtures/seeds/jilin-baishan-jiandu-zhixiao.txt'), 'utf8');
    for (const name of ['henan', 'shandong', 'yunnan', 'baishan']) {
      for (const words of fixture(name).notPeriods) expect(all).toContain(words);
    }
  });
});

describe('what each period means', () => {
  const one = (text: string) => {
    const ps = extractPeriods(text);
    expect(ps).toHaveLength(1);
    return ps[0];
  };

  it('reads counts and units as the timer notation does', () => {
    expect(one('应当在五个工作日内审查')).toMatchObject({ kind: 'period', period: { n: 5, unit: 'workday' }, relation: 'within' });
    expect(one('应于 1 个月内完成')).toMatchObject({ kind: 'period', period: { n: 1, unit: 'month' }, phrase: '1 个月内' });
    expect(one('在一个月內作出')).toMatchObject({ period: { n: 1, unit: 'month' }, relation: 'within' });
    expect(one('受理届满六个月未能结案的')).toMatchObject({ period: { n: 6, unit: 'month' }, relation: 'after' });
    expect(one('结案前三个月内是否查控')).toMatchObject({ period: { n: 3, unit: 'month' }, relation: 'before' });
    expect(one('二十四小时内')).toMatchObject({ period: { n: 24, unit: 'hour' } });
    expect(one('用两到三年时间')).toMatchObject({ period: { n: 3, unit: 'year' }, min: 2 });
  });

  it('warnings, overdue, windows, dates and cycles', () => {
    expect(extractPeriods('在查控期限届满前 10 日进行预警').map((p) => p.kind)).toEqual(['warning']);
    expect(one('届满前10日预警')).toMatchObject({ kind: 'warning', days: 10, relation: 'before' });
    expect(one('逾期十天未报告')).toMatchObject({ kind: 'overdue', days: 10, relation: 'after' });
    expect(one('上午八点至十点')).toMatchObject({ kind: 'window', from: 480, to: 600 });
    expect(one('下午三点至五点半')).toMatchObject({ kind: 'window', from: 900, to: 1050 });
    expect(one('于2018年3月底前整改完毕')).toMatchObject({ kind: 'date', year: 2018, month: 3, part: '底', relation: 'before' });
    expect(one('于6月10日前报省法院')).toMatchObject({ kind: 'date', month: 6, day: 10, relation: 'before' });
    expect(one('自3月10日起')).toMatchObject({ kind: 'date', month: 3, day: 10, relation: 'from' });
    expect(one('每季度通报')).toMatchObject({ kind: 'cycle', every: 'quarter' });
    expect(one('每个工作日核对')).toMatchObject({ kind: 'cycle', every: 'workday' });
    expect(one('次年一月进行考核')).toMatchObject({ kind: 'cycle', every: 'nextYear', month: 1 });
    expect(describePeriod(one('次年一月进行考核'))).toBe('次年1月');
    expect(describePeriod(one('五个工作日内'))).toBe('5个工作日');
  });

  it('no periods from article numbers, issue dates, document numbers or names', () => {
    for (const text of [
      '依照本规定第三十日条', '第十八条', '鲁高法〔2018〕17号', '法明传[2017]699号', '2021年10月18日', '二0一六年三月七日',
      '于2010年12月24日下发的', '开展“百日会战”', '发布时间:2021-10-18 17:22:12', '于2017年10月14日至17日巡查',
      '于2017年12月31日前受理的执行实施案件', '三月', '标的额在10万元以下', '十九届二中全会',
    ]) expect([text, extractPeriods(text)]).toEqual([text, []]);
  });

  it('each period keeps the sentence it stands in', () => {
    const [a, b] = extractPeriods('应当安排审查人员于五日内审查完毕。对符合督办条件的案件应当在三日内制作督办函，并附相关材料。');
    expect(a.sentence).toBe('应当安排审查人员于五日内审查完毕。');
    expect(b.sentence).toBe('对符合督办条件的案件应当在三日内制作督办函，并附相关材料。');
  });
});
