// Coverage of a package against its own articles: the shipped packages (the fixtures) are fully
// accounted for; without the administrator's decisions Hainan shows what was open; a parameter
// that says another period than its article is flagged until a reason is recorded; and import
// validation reports the open periods as warnings.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FormsService } from '../../../server/forms';
import type { Articles, Manifest } from '../../../server/packages';
import { collectShipped } from '../../../server/packages/installShipped';
import { manifestFields, manifestSchema } from '../../../server/packages/manifest.schema';
import { validatePackage } from '../../../server/packages/validatePackage';
import { periodCoverage } from '../../../server/periods';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const read = (id: string) => ({
  manifest: manifestSchema.parse(JSON.parse(readFileSync(path.join(ROOT, 'processes', id, 'manifest.json'), 'utf8'))),
  articles: JSON.parse(readFileSync(path.join(ROOT, 'processes', id, 'articles.json'), 'utf8')) as Articles,
});
const shipped = readdirSync(path.join(ROOT, 'processes'), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);

describe('coverage of the shipped packages', () => {
  for (const id of shipped) {
    it(`${id}: every period its articles state is bound or explained, every departure has a reason`, () => {
      const { manifest, articles } = read(id);
      const c = periodCoverage(manifest, articles);
      expect(c.periods.filter((p) => p.status === 'open').map((p) => p.key)).toEqual([]);
      expect(c.flags.filter((f) => !f.reason).map((f) => f.parameter)).toEqual([]);
      expect(c.stale).toEqual([]);
    });
  }

  it('hainan: 34 periods, 31 bound and 3 explained; each binding names an element of the package', () => {
    const { manifest, articles } = read('hainan');
    const c = periodCoverage(manifest, articles);
    expect(c.figure).toEqual({ stated: 34, bound: 31, explained: 3, open: 0 });
    const five = c.periods.find((p) => p.key === '海南办法 第四条 五日内')!;
    expect(five.bindings).toEqual([expect.objectContaining({ parameter: 'complaintReviewPeriod', element: 'reviewComplaint', how: 'auto' })]);
    expect(five.sentence).toBe('上级法院受理反映下级法院执行问题的涉执申诉信访后，应当安排审查人员于五日内审查完毕。');
    // 分时督办 windows, 逾期十天 and 每季度 are read from the notation, not from labels.
    expect(c.periods.find((p) => p.key === '海南暂行规定 第十八条 上午八点至十点')!.bindings.map((b) => b.parameter)).toEqual(['midWindowVerify', 'midWindowUrge']);
    expect(c.periods.find((p) => p.key === '海南暂行规定 第二十三条 逾期十天')!.bindings.map((b) => b.parameter)).toContain('writtenReportOverdueTenDays');
    expect(c.periods.find((p) => p.key === '海南暂行规定 第二十四条 每季度')!.bindings.map((b) => b.parameter)).toEqual(['quarterEnd']);
  });

  it('hainan before its decisions: 25 of 34 bound, 9 open, 3 parameters departing from their article without a reason', () => {
    const { manifest, articles } = read('hainan');
    const c = periodCoverage({ ...manifest, periods: undefined }, articles);
    expect(c.figure).toEqual({ stated: 34, bound: 25, explained: 0, open: 9 });
    expect(c.periods.filter((p) => p.status === 'open').map((p) => p.key)).toEqual([
      '海南办法 第三条 法定期限', '海南办法 第十三条 每年', '海南暂行规定 第七条 五个工作日内', '海南暂行规定 第九条 限期',
      '海南暂行规定 第十九条 规定的期限', '海南暂行规定 第二十五条 规定期限', '海南暂行规定 第二十五条 规定期限#2',
      '海南暂行规定 第二十七条 每年', '海南暂行规定 第二十八条 每年',
    ]);
    expect(c.flags.map((f) => [f.parameter, f.value, f.stated.map((s) => s.phrase)])).toEqual([
      ['transferReminder', '30日', ['五个工作日内']],
      ['transferReminderPeriod', '3日', ['五个工作日内']],
      ['reportFeedbackPeriod', '3日', ['七个工作日内']],
    ]);
  });
});

describe('a parameter that says another period than its article', () => {
  const articles: Articles = { documents: [{ id: '办法', title: '某省执行督办办法', articles: [{ no: '第四条', text: '审查人员应当于五日内审查完毕。' }] }] };
  const param = (value: string) => ({ id: 'review', label: '审查期限', element: 'reviewComplaint', value, basis: '办法 第四条' });

  it('the text says 五日, the parameter 7个工作日, no decision: flagged, and the period stays open', () => {
    const c = periodCoverage({ parameters: [param('7个工作日')] }, articles);
    expect(c.flags).toEqual([expect.objectContaining({ parameter: 'review', value: '7个工作日', stated: [{ key: '办法 第四条 五日内', phrase: '五日内' }] })]);
    expect(c.flags[0].reason).toBeUndefined();
    expect(c.figure).toEqual({ stated: 1, bound: 0, explained: 0, open: 1 });
  });

  it('the same period (5日 自 complaintReceivedAt) binds it; a recorded decision carries the reason', () => {
    expect(periodCoverage({ parameters: [param('5日 自 complaintReceivedAt')] }, articles)).toMatchObject({ flags: [], figure: { bound: 1, open: 0 } });
    const decided = periodCoverage({ parameters: [param('7个工作日')], periods: [{ parameter: 'review', reason: '本省另有规定' }] }, articles);
    expect(decided.flags[0].reason).toBe('本省另有规定');
  });

  it('explained, or bound by hand; a decision naming nothing is reported', () => {
    const explained = periodCoverage({ parameters: [], periods: [{ period: '办法 第四条 五日内', status: '平台无法执行', reason: '线下审查' }] }, articles);
    expect(explained.periods[0]).toMatchObject({ status: 'explained', decision: { status: '平台无法执行', reason: '线下审查' } });
    const stale = periodCoverage({ parameters: [], periods: [{ period: '办法 第五条 三日内', status: '非程序性', reason: 'x' }, { period: '办法 第四条 五日内', enforcedBy: ['nothing'], reason: 'y' }] }, articles, [{ id: 'reviewComplaint' }]);
    expect(stale.stale.map((s) => s.message)).toEqual([
      expect.stringContaining('条文中没有期限「办法 第五条 三日内」'), expect.stringContaining('「nothing」既不是参数 id，也不是流程图中的元素'),
    ]);
  });

  it('the manifest refuses a decision that is neither bound nor explained', () => {
    const r = manifestFields.periods.safeParse([{ period: '办法 第四条 五日内', reason: '无' }]);
    expect(r.success).toBe(false);
  });
});

describe('import validation', () => {
  it('Hainan without its decisions imports, with each open period and each unexplained departure as a warning', async () => {
    const source = await collectShipped(ROOT, 'hainan');
    const manifest = JSON.parse(source.files.get('manifest.json')!.toString('utf8')) as Manifest;
    delete manifest.periods;
    source.files.set('manifest.json', Buffer.from(JSON.stringify(manifest)));
    const forms = new FormsService({} as never);
    const r = await validatePackage(source, {
      forms: { checkSchema: (s: unknown) => forms.checkSchema(s), latest: async () => null },
      provinceOf: async () => undefined,
      processOwner: async () => undefined,
    });
    expect(r.problems).toEqual([]);
    expect(r.warnings.filter((w) => w.code === 'PERIOD_UNCOVERED')).toHaveLength(9);
    expect(r.warnings.filter((w) => w.code === 'PERIOD_MISMATCH').map((w) => w.field)).toHaveLength(3);
    expect(r.warnings.find((w) => w.message.includes('海南暂行规定 第七条「五个工作日内」'))?.message).toContain('审查人员一般应在五个工作日内初步审查完毕');
  });
});
