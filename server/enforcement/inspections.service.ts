// Sampled inspections (抽查 / 常规评查): a court draws a share of the 终本 (or other) records of the
// courts below it closed in a period, stratified by court with a recorded seed (sampling.ts);
// one inspection case is started per drawn record, carrying the criteria the data decides
// (with evidence) and leaving the others to the inspector; when every case of the round is
// closed, each court's 合格率 goes into the ledger as a 评查 entry.
import type { HolidayCalendar } from '../calendar/types';
import type { CasesService } from '../cases/cases.service';
import type { CourtsRepository } from '../courts';
import { badRequest, conflict, forbidden, notFound } from '../http/errors';
import type { Actor } from '../http/actor';
import type { LedgerService } from '../ledger';
import { beijingQuarter, beijingYear } from '../ledger/kinds';
import { parseDay } from './dates';
import { evalRecord, recordVariables } from './recordFeel';
import type { PackageSection, RecordDoc, RecordsRepository, RoundDoc } from './records.repository';
import type { Criterion, InspectionSpec } from './rules.schema';
import { draw, newSeed, SAMPLING_ALGORITHM } from './sampling';
import { recordData, startOnce } from './startCase';
import { randomUUID } from 'node:crypto';
import { evaluate } from '../engine/feel';

export const DRAW_ROLES = ['审查人员', '承办人', '审批人', '院领导'];

export interface InspectionDeps {
  repo: RecordsRepository;
  cases: CasesService;
  courts: CourtsRepository;
  ledger: Pick<LedgerService, 'recordSystem'>;
  calendar: () => Promise<HolidayCalendar>;
  sections: () => Promise<PackageSection[]>;
  now: () => Date;
}

export interface CriterionResult {
  id: string;
  title: string;
  /** true 符合, false 不符合, null: for the inspector. */
  result: boolean | null;
  evidence: string;
}

/** Decides what the record's data can decide. A criterion whose FEEL fails is left to the inspector. */
export function decideCriteria(criteria: Criterion[], record: RecordDoc, calendar: HolidayCalendar, now: Date, courtName?: string): CriterionResult[] {
  const vars = recordVariables({ ...record, courtName }, calendar, now);
  return criteria.map((c) => {
    let result: boolean | null = null;
    let evidence = '';
    try {
      const v = evalRecord(c.decide, vars, now);
      result = typeof v === 'boolean' ? v : null;
      if (c.evidence) evidence = String(evalRecord(c.evidence, vars, now) ?? '');
    } catch (err) {
      evidence = `数据无法判断（${(err as Error).message}）`;
    }
    return { id: c.id, title: c.title, result, evidence };
  });
}

const resultText = (r: CriterionResult) => `${r.title}：${r.result === null ? '待评查人员认定' : r.result ? '符合' : '不符合'}${r.evidence ? `（${r.evidence}）` : ''}`;

export class InspectionsService {
  constructor(private readonly deps: InspectionDeps) {}

  async spec(packageId: unknown, inspection: unknown): Promise<{ pkg: PackageSection; spec: InspectionSpec }> {
    for (const pkg of await this.deps.sections()) {
      if (pkg.packageId !== packageId) continue;
      const spec = pkg.section.inspections.find((i) => i.id === inspection);
      if (spec) return { pkg, spec };
    }
    throw notFound(`程序包「${String(packageId)}」中没有抽查「${String(inspection)}」`);
  }

  /** Draws and starts the round. */
  async drawRound(actor: Actor, body: unknown, owner: string): Promise<RoundDoc & { started: number }> {
    const b = (body ?? {}) as Record<string, unknown>;
    const { pkg, spec } = await this.spec(b.package, b.inspection);
    const own = await this.deps.courts.findByCode(actor.court);
    if (!own) throw forbidden('用户所在法院不存在');
    if (own.province !== pkg.province) throw forbidden(`「${spec.title}」是${pkg.province}的抽查，本院不能发起`);
    if (!spec.drawers.includes(own.level)) throw forbidden(`「${spec.title}」只能由${spec.drawers.join('、')}发起`);
    const problems: { field: string; message: string }[] = [];
    const rate = b.rate === undefined ? spec.minRate : b.rate;
    if (typeof rate !== 'number' || !(rate >= spec.minRate && rate <= 1)) problems.push({ field: 'rate', message: `抽查比例应在 ${spec.minRate * 100}% 至 100% 之间（${spec.basis}）` });
    const from = parseDay(b.closedFrom ?? '');
    const to = parseDay(b.closedTo ?? '');
    if ('problem' in from) problems.push({ field: 'closedFrom', message: `结案日期起：${from.problem}` });
    if ('problem' in to) problems.push({ field: 'closedTo', message: `结案日期止：${to.problem}` });
    if ('day' in from && 'day' in to && from.day > to.day) problems.push({ field: 'closedTo', message: '结案日期止早于起' });
    const seed = b.seed === undefined ? newSeed() : b.seed;
    if (typeof seed !== 'string' || !/^[0-9A-Za-z-]{8,64}$/.test(seed)) problems.push({ field: 'seed', message: '种子应为 8–64 位字母、数字或连字符' });
    let courts: string[] | undefined;
    if (b.courts !== undefined) {
      if (!Array.isArray(b.courts) || !b.courts.every((c) => typeof c === 'string')) problems.push({ field: 'courts', message: '法院应为代码列表' });
      else courts = b.courts as string[];
    }
    if (b.preview !== undefined && typeof b.preview !== 'boolean') problems.push({ field: 'preview', message: 'preview 应为 true 或 false' });
    if (problems.length) throw badRequest('抽查条件有误', problems);
    const below = (await this.deps.courts.codesUnder(own.code)).filter((c) => c !== own.code);
    const levels = spec.population.levels;
    const allBelow = await this.deps.courts.findByCodes(below);
    let targets = below.filter((c) => !levels || levels.includes(allBelow.get(c)!.level as never));
    if (courts) {
      const outside = courts.filter((c) => !below.includes(c));
      if (outside.length) throw forbidden(`只能抽查本院辖区下级法院的案件：${outside.join('、')} 不在辖区内`);
      targets = targets.filter((c) => courts!.includes(c));
    }
    const population = await this.deps.repo.population({
      court: { $in: targets }, closing: spec.population.closing,
      closedAt: { $gte: (from as { day: string }).day, $lte: (to as { day: string }).day },
    });
    if (!population.length) throw conflict('所选期间内没有符合条件的案件，未抽查');
    const drawn = draw(population.map((r) => ({ id: String(r._id), court: r.court, caseNo: r.caseNo })), rate as number, seed as string);
    const now = this.deps.now();
    const round: RoundDoc = {
      _id: randomUUID(), packageId: pkg.packageId, inspection: spec.id, title: spec.title, court: own.code, by: actor.username, at: now,
      seed: seed as string, rate: rate as number, algorithm: SAMPLING_ALGORITHM,
      closedFrom: (from as { day: string }).day, closedTo: (to as { day: string }).day, population: drawn.population,
      sample: drawn.sample.map((s) => ({ recordId: s.id, court: s.court, caseNo: s.caseNo, key: s.key })),
    };
    // preview: the draw is shown (to re-check a recorded seed, or before starting), nothing kept.
    if (b.preview === true) return { ...round, started: 0 };
    await this.deps.repo.insertRound(round);
    const started = await this.startCases(round, spec, owner);
    return { ...round, started };
  }

  /** Starts (or, after an interruption, finishes starting) the round's inspection cases. */
  async startCases(round: RoundDoc, spec: InspectionSpec, owner: string): Promise<number> {
    const calendar = await this.deps.calendar();
    const records = new Map((await this.deps.repo.findMany(round.sample.map((s) => s.recordId))).map((r) => [String(r._id), r]));
    const names = await this.deps.courts.findByCodes([...new Set(round.sample.map((s) => s.court))]);
    let started = 0;
    // A few at once: the engine runs in worker threads while the store writes.
    const queue = [...round.sample];
    const lane = async () => {
      for (let s = queue.shift(); s; s = queue.shift()) {
        const n = await one(s); // not `started += await …`: that reads `started` before the await
        started += n;
      }
    };
    const one = async (s: RoundDoc['sample'][number]): Promise<number> => {
      const record = records.get(s.recordId);
      if (!record) return 0;
      const courtName = names.get(record.court)?.name;
      const criteria = decideCriteria(spec.criteria, record, calendar, round.at, courtName);
      const r = await startOnce(this.deps.repo, this.deps.cases, owner, {
        key: `inspection:${round._id}:${s.recordId}`, cause: `inspection:${round._id}`, firedKey: null, title: round.title, record,
        process: spec.process, supervisingCourt: round.court, supervisedCourt: record.court, at: round.at,
        data: {
          ...recordData(record, courtName), filedAt: record.filedAt, inspectionRound: round._id,
          criteria: Object.fromEntries(criteria.map((c) => [c.id, c])),
          criteriaText: criteria.map((c, i) => `${i + 1}. ${resultText(c)}`).join('\n'),
          criteriaUndecided: criteria.filter((c) => c.result === null).map((c) => c.title).join('；') || '无',
          criteriaFailed: criteria.some((c) => c.result === false),
        },
      });
      return r.state === 'started' ? 1 : 0;
    };
    await Promise.all([lane(), lane(), lane(), lane()]);
    return started;
  }

  /**
   * When every case of the round is closed, each court's 合格率 becomes one 评查 entry in the ledger
   * (id `inspection:<round>:<court>`, so doing it twice records nothing new).
   */
  async aggregate(roundId: string): Promise<{ court: string; sampled: number; passed: number; rate: number }[] | null> {
    const round = await this.deps.repo.findRound(roundId);
    if (!round) return null;
    const cases = await this.deps.repo.casesOfRound(roundId);
    if (cases.length < round.sample.length || cases.some((c) => c.status === 'running')) return null;
    const { spec } = await this.spec(round.packageId, round.inspection);
    const by = new Map<string, { sampled: number; passed: number }>();
    for (const c of cases) {
      const x = by.get(c.supervisedCourt) ?? { sampled: 0, passed: 0 };
      x.sampled++;
      if (evaluate(spec.passed, c.variables, { now: this.deps.now() }).value === true) x.passed++;
      by.set(c.supervisedCourt, x);
    }
    const now = this.deps.now();
    const out = [...by].sort(([a], [b]) => a.localeCompare(b)).map(([court, x]) => ({ court, ...x, rate: Math.round((x.passed / x.sampled) * 1000) / 10 }));
    const issuer = (await this.deps.courts.findByCode(round.court))!;
    for (const r of out) {
      await this.deps.ledger.recordSystem({
        _id: `inspection:${round._id}:${r.court}`, kind: '评查', issuer: issuer.code, issuerLevel: issuer.level, province: issuer.province ?? undefined,
        court: r.court, unit: '法院', persons: [], year: beijingYear(now), period: `${beijingYear(now)}-Q${beijingQuarter(now)}`, at: now,
        basis: spec.basis, score: r.rate,
        reason: `${round.title}（${round.closedFrom} 至 ${round.closedTo} 结案，抽查比例 ${Math.round(round.rate * 100)}%，种子 ${round.seed}）：抽查 ${r.sampled} 件，合格 ${r.passed} 件，合格率 ${r.rate}%`,
        source: 'process', recordedBy: 'system', recordedAt: now,
      });
    }
    await this.deps.repo.markAggregated(round._id, now);
    return out;
  }
}
