// The supervision ledger: entries projected from the cases, manual entries and corrections by
// the issuing court, the packages' rules applied as each entry arrives, and the views (list,
// per-court and per-person counts, consequences, the quarterly 通报 list).
import { Types, type Connection } from 'mongoose';
import type { Clock } from '../clock';
import type { Court, CourtsRepository } from '../courts';
import { badRequest, conflict, forbidden, notFound } from '../http/errors';
import type { Actor } from '../http/actor';
import type { LedgerEntry } from './entry';
import { CONSEQUENCE, REVERSAL, beijingYear, periodOf, quarterBounds } from './kinds';
import { parseManualEntry } from './manualEntry';
import { namesOf, type LedgerRepository, type PackageRules } from './ledger.repository';
import { projectHistory, type LedgerHistory } from './project';
import { DEFAULT_INDICATORS, rank } from './ranking';
import { countFor, decide, ruleCounts, subjectsOf, windowOf } from './rules';

export interface LedgerDeps {
  repo: LedgerRepository;
  courts: CourtsRepository;
  clock: Clock;
  connection: Connection;
}

export interface ListQuery {
  year?: number;
  court?: string;
  kind?: string;
  page: number;
  pageSize: number;
}

/** What the counts count: entries in force (not reversed), not corrections, not consequences. */
const COUNTED = (e: LedgerEntry, reversed: Set<string>) => !reversed.has(e._id) && e.kind !== REVERSAL && e.kind !== CONSEQUENCE;

export class LedgerService {
  /** Told of each consequence recorded or lifted (the notices, server/notifications). */
  onConsequence?: (entry: LedgerEntry) => Promise<unknown>;

  constructor(private readonly deps: LedgerDeps) {}

  /** Observer of the cases' writes: projects `ledgerEntry` history, then applies the rules. */
  async projectCase(caseId: Types.ObjectId | string, history: (LedgerHistory & { type: string })[]): Promise<number> {
    const own = history.filter((h) => h.type === 'ledgerEntry');
    if (!own.length) return 0;
    const ref = await this.deps.repo.caseRef(caseId);
    if (!ref) return 0;
    const codes = own.flatMap((h) => [String((h.data as { issuer?: unknown })?.issuer ?? ref.supervisingCourt)]);
    const courts = await this.deps.courts.findByCodes([...codes, ref.supervisingCourt]);
    const entries = own.flatMap((h) => projectHistory(ref, h, courts));
    const inserted = new Set(await this.deps.repo.insertMissing(entries));
    await this.applyRules(entries.filter((e) => inserted.has(e._id)));
    return inserted.size;
  }

  /** Re-projects every case (start-up, or after a crash between a case write and its projection). */
  async rebuild(): Promise<number> {
    let added = 0;
    for (const c of await this.deps.repo.ledgerHistory()) added += await this.projectCase(c._id, c.history);
    return added;
  }

  /**
   * Each package rule over the entries just recorded (a reversal stands for the entry it
   * reverses): a count crossing the threshold records a consequence, a fall below lifts it.
   * Consequence ids are (rule, subject, window, n): two writers deciding the same thing at once
   * collide on the id, so a consequence is never recorded twice.
   */
  async applyRules(entries: LedgerEntry[]): Promise<LedgerEntry[]> {
    if (!entries.length) return [];
    const packages = await this.deps.repo.publishedRules();
    const reversed = await this.deps.repo.reversedIds();
    const recorded: LedgerEntry[] = [];
    for (const arrived of entries) {
      const entry = arrived.kind === REVERSAL && arrived.reverses ? await this.deps.repo.findById(arrived.reverses) : arrived;
      if (!entry) continue;
      for (const pkg of packages) {
        for (const rule of pkg.rules) {
          if (!ruleCounts(rule, pkg.province, entry, pkg.issuer)) continue;
          const window = windowOf(rule, entry);
          const pool = await this.deps.repo.all({ kind: { $in: rule.kinds }, province: pkg.province, year: entry.year, source: { $ne: 'rule' } });
          for (const subject of subjectsOf(rule, entry)) {
            const count = countFor(rule, pkg.province, subject.key, window, pool, reversed, pkg.issuer);
            const past = await this.deps.repo.all({ 'rule.packageId': pkg.packageId, 'rule.id': rule.id, 'rule.subject': subject.key, 'rule.window': window });
            const inForce = !!past.length && !past[past.length - 1].rule?.lifted;
            const decision = decide(count, rule.threshold, inForce);
            if (!decision) continue;
            const span = rule.window === 'year' ? `${window}年` : `${window.replace('-Q', '年第')}季度`;
            const c: LedgerEntry = {
              _id: `rule:${pkg.packageId}:${rule.id}:${subject.key}:${window}:${past.length}`,
              kind: CONSEQUENCE,
              issuer: entry.issuer,
              issuerLevel: entry.issuerLevel,
              province: entry.province,
              court: subject.key.startsWith('person:') ? subject.key.split(':')[1] : entry.court,
              unit: subject.key.startsWith('bureau:') ? '执行局' : '法院',
              persons: subject.key.startsWith('person:') ? entry.persons.filter((p) => `person:${p.court}:${p.name}` === subject.key) : [],
              year: entry.year,
              period: entry.period,
              at: arrived.at,
              ...(entry.caseId ? { caseId: entry.caseId, caseNo: entry.caseNo } : {}),
              basis: rule.basis,
              reason: decision === 'raise'
                ? `${rule.title}：${span}内第 ${count} 次，${rule.consequence}`
                : `${rule.title}：撤销后${span}内为 ${count} 次，不再${rule.consequence}`,
              source: 'rule',
              recordedBy: 'system',
              recordedAt: this.deps.clock.now(),
              ...(decision === 'lift' ? { reverses: past[past.length - 1]._id } : {}),
              rule: {
                id: rule.id, packageId: pkg.packageId, title: rule.title, basis: rule.basis, consequence: rule.consequence,
                threshold: rule.threshold, count, subject: subject.key, subjectLabel: subject.label, window, trigger: arrived._id,
                ...(decision === 'lift' ? { lifted: true } : {}),
                ...(rule.notify ? { notify: rule.notify } : {}),
              },
            };
            if (await this.deps.repo.insertOnce(c)) recorded.push(c);
          }
        }
      }
    }
    // After the insert: a crash before the notices is caught up from the ledger at start.
    for (const c of recorded) await this.onConsequence?.(c).catch(() => undefined);
    return recorded;
  }

  /**
   * An entry the platform itself decides (server/enforcement: a sampled inspection's 合格率), under
   * the caller's deterministic id: recorded once, then the package rules apply as to any entry.
   */
  async recordSystem(entry: LedgerEntry): Promise<boolean> {
    if (!(await this.deps.repo.insertOnce(entry))) return false;
    await this.applyRules([entry]);
    return true;
  }

  /** 手工登记: by an 审批人 / 院领导 of the issuing court, about a court within its jurisdiction, with a reason. */
  async record(actor: Actor, body: unknown): Promise<LedgerEntry> {
    const input = parseManualEntry(body, this.deps.clock.now());
    const reachable = new Set(await this.deps.courts.codesUnder(actor.court));
    for (const c of [input.court, ...input.persons.map((p) => p.court)]) {
      if (!reachable.has(c)) throw badRequest('只能登记本院或辖区法院的记录', [{ field: 'court', message: `法院「${c}」不在本院辖区内` }]);
    }
    const issuer = (await this.deps.courts.findByCode(actor.court))!;
    const at = input.at ?? this.deps.clock.now();
    const entry: LedgerEntry = {
      _id: `manual:${new Types.ObjectId().toHexString()}`,
      kind: input.kind,
      issuer: issuer.code,
      issuerLevel: issuer.level,
      province: issuer.province ?? undefined,
      court: input.court,
      unit: input.unit,
      persons: input.persons,
      year: beijingYear(at),
      period: periodOf(at),
      at,
      reason: input.reason,
      ...(input.basis ? { basis: input.basis } : {}),
      ...(input.grade ? { grade: input.grade } : {}),
      ...(input.score !== undefined ? { score: input.score } : {}),
      source: 'manual',
      recordedBy: actor.username,
      recordedAt: this.deps.clock.now(),
    };
    await this.deps.repo.insertOnce(entry);
    await this.applyRules([entry]);
    return entry;
  }

  /** 撤销 (复议 …): a new entry, by the court that issued the original; the original stays. */
  async reverse(actor: Actor, id: string, body: unknown): Promise<LedgerEntry> {
    const reason = typeof (body as { reason?: unknown })?.reason === 'string' ? (body as { reason: string }).reason.trim() : '';
    if (!reason) throw badRequest('请填写撤销理由', [{ field: 'reason', message: '撤销理由不能为空' }]);
    if (reason.length > 500) throw badRequest('撤销理由不能超过500字', [{ field: 'reason', message: '不能超过500字' }]);
    const original = await this.deps.repo.findById(id);
    if (!original || !(await this.visible(actor, original))) throw notFound('台账记录不存在');
    if (original.issuer !== actor.court) throw forbidden('只有作出该记录的法院可以撤销');
    if (original.kind === REVERSAL || original.kind === CONSEQUENCE) throw conflict('撤销记录和规则后果不能再撤销；后果随所依据的记录自动撤销');
    const now = this.deps.clock.now();
    const entry: LedgerEntry = {
      _id: `reversal:${id}`,
      kind: REVERSAL,
      issuer: original.issuer,
      issuerLevel: original.issuerLevel,
      province: original.province,
      court: original.court,
      unit: original.unit,
      persons: original.persons,
      year: original.year,
      period: original.period,
      at: now,
      ...(original.caseId ? { caseId: original.caseId, caseNo: original.caseNo } : {}),
      reason,
      reverses: id,
      source: 'manual',
      recordedBy: actor.username,
      recordedAt: now,
    };
    if (!(await this.deps.repo.insertOnce(entry))) throw conflict('该记录已被撤销');
    await this.applyRules([entry]);
    return entry;
  }

  /** Entries about the actor's court and the courts below it, newest first. */
  async list(actor: Actor, q: ListQuery) {
    const codes = await this.deps.courts.codesUnder(actor.court);
    const filter = this.filter(codes, q);
    const { items, total } = await this.deps.repo.page(filter, (q.page - 1) * q.pageSize, q.pageSize);
    const reversed = await this.deps.repo.reversedIds();
    return { items: await this.present(items, reversed), total, page: q.page, pageSize: q.pageSize };
  }

  /** 本人: entries naming the signed-in person (by 姓名 and court, as entries record people). */
  async mine(actor: Actor) {
    if (!actor.name) return { items: [], total: 0 };
    const items = await this.deps.repo.all({ persons: { $elemMatch: { name: actor.name, court: actor.court } } }, 500);
    const reversed = await this.deps.repo.reversedIds();
    return { items: await this.present(items.reverse(), reversed), total: items.length };
  }

  /** Per court and per person counts by kind for a year, and the consequences recorded. */
  async summary(actor: Actor, year: number) {
    const codes = await this.deps.courts.codesUnder(actor.court);
    const entries = await this.deps.repo.all(this.filter(codes, { year }));
    const reversed = await this.deps.repo.reversedIds();
    const courts = await this.deps.courts.findByCodes(entries.flatMap((e) => [e.court ?? '', e.issuer, ...e.persons.map((p) => p.court)]));
    const name = (c?: string) => (c ? courts.get(c)?.name ?? c : '');
    const perCourt = new Map<string, { court: string; courtName: string; unit: string; counts: Record<string, number> }>();
    const perPerson = new Map<string, { name: string; court: string; courtName: string; role?: string; counts: Record<string, number> }>();
    for (const e of entries.filter((x) => COUNTED(x, reversed))) {
      if (e.court && codes.includes(e.court)) {
        const key = `${e.court}|${e.unit}`;
        const row = perCourt.get(key) ?? { court: e.court, courtName: name(e.court) + (e.unit === '执行局' ? ' 执行局' : ''), unit: e.unit, counts: {} };
        row.counts[e.kind] = (row.counts[e.kind] ?? 0) + 1;
        perCourt.set(key, row);
      }
      for (const p of e.persons) {
        if (!codes.includes(p.court)) continue;
        const key = `${p.court}|${p.name}`;
        const row = perPerson.get(key) ?? { name: p.name, court: p.court, courtName: name(p.court), ...(p.role ? { role: p.role } : {}), counts: {} };
        row.counts[e.kind] = (row.counts[e.kind] ?? 0) + 1;
        perPerson.set(key, row);
      }
    }
    const consequences = entries.filter((e) => e.kind === CONSEQUENCE);
    const inForce = consequences.filter((c) => !c.rule?.lifted && !consequences.some((l) => l.reverses === c._id));
    return {
      year,
      courts: [...perCourt.values()].sort((a, b) => (b.counts['通报批评'] ?? 0) - (a.counts['通报批评'] ?? 0) || a.court.localeCompare(b.court)),
      persons: [...perPerson.values()].sort((a, b) => (b.counts['通报批评'] ?? 0) - (a.counts['通报批评'] ?? 0) || a.name.localeCompare(b.name)),
      consequences: await this.present(inForce, reversed),
    };
  }

  /**
   * The dashboard's 通报 figure (issue 14 D3): entries in force of kind 通报批评 and 情况通报, each
   * counted once, per issuing court, court named and Beijing year.
   */
  async noticeCounts(codes: string[]): Promise<{ issuer: string; court: string; year: number; kind: string; count: number }[]> {
    const entries = await this.deps.repo.all({ kind: { $in: ['通报批评', '情况通报'] }, court: { $in: codes } });
    const reversed = await this.deps.repo.reversedIds();
    const by = new Map<string, { issuer: string; court: string; year: number; kind: string; count: number }>();
    for (const e of entries.filter((x) => COUNTED(x, reversed))) {
      const key = `${e.issuer}|${e.court}|${e.year}|${e.kind}`;
      const row = by.get(key) ?? { issuer: e.issuer, court: e.court!, year: e.year, kind: e.kind, count: 0 };
      row.count++;
      by.set(key, row);
    }
    return [...by.values()].sort((a, b) => b.year - a.year || a.court.localeCompare(b.court) || a.kind.localeCompare(b.kind));
  }

  /** 暂行规定 第二十四条 / 白山 第二十条: the quarter's list, per court, with the declared recipients. */
  async quarterly(actor: Actor, year: number, quarter: number) {
    const { from, to } = quarterBounds(year, quarter);
    const codes = await this.deps.courts.codesUnder(actor.court);
    const [rows, entries, reversed, packages, actorCourt] = await Promise.all([
      this.deps.repo.supervisedIn(codes, from, to, new Date(Math.min(to.getTime(), this.deps.clock.now().getTime()))),
      this.deps.repo.all({ ...this.filter(codes, {}), at: { $gte: from, $lt: to } }),
      this.deps.repo.reversedIds(),
      this.deps.repo.publishedRules(),
      this.deps.courts.findByCode(actor.court),
    ]);
    const byCourt = new Map(rows.map((r) => [r.court, { ...r, criticisms: 0, situationNotices: 0 }]));
    for (const e of entries.filter((x) => COUNTED(x, reversed) && x.court && codes.includes(x.court))) {
      const row = byCourt.get(e.court!) ?? { court: e.court!, cases: 0, opened: 0, closed: 0, overdue: 0, criticisms: 0, situationNotices: 0 };
      if (e.kind === '通报批评') row.criticisms++;
      if (e.kind === '情况通报') row.situationNotices++;
      byCourt.set(e.court!, row);
    }
    const names = await this.deps.courts.findByCodes([...byCourt.keys()]);
    const recipients = packages.filter((p) => p.province === actorCourt?.province && (!p.issuer || p.issuer === actor.court)).flatMap((p: PackageRules) => p.noticeRecipients);
    return {
      year, quarter, from: from.toISOString(), to: to.toISOString(), issuer: actor.court, issuerName: actorCourt?.name ?? actor.court,
      recipients: [...new Set(recipients)],
      rows: [...byCourt.values()].map((r) => ({ ...r, courtName: names.get(r.court)?.name ?? r.court })).sort((a, b) => a.court.localeCompare(b.court)),
    };
  }

  /**
   * The annual assessment's figures (forms prefill `ledger.*`): within the court's jurisdiction,
   * for a Beijing year (default: the current one) — counts in force by kind and the 评优评先
   * consequences in force, as 有/无 and as a list of who and why.
   */
  async assessmentFigures(court: string, year?: number): Promise<Record<string, unknown>> {
    const y = year ?? beijingYear(this.deps.clock.now());
    const codes = await this.deps.courts.codesUnder(court);
    const entries = await this.deps.repo.all(this.filter(codes, { year: y }));
    const reversed = await this.deps.repo.reversedIds();
    const counted = entries.filter((e) => COUNTED(e, reversed) && e.court && codes.includes(e.court));
    const count = (kind: string) => counted.filter((e) => e.kind === kind).length;
    const consequences = entries.filter((e) => e.kind === CONSEQUENCE);
    const inForce = consequences.filter((c) => !c.rule?.lifted && !consequences.some((l) => l.reverses === c._id));
    const names = await this.deps.courts.findByCodes(inForce.flatMap((c) => [c.court ?? '', ...c.persons.map((p) => p.court)]));
    const label = (c: LedgerEntry) => {
      const [kind, at = c.court ?? '', ...name] = (c.rule?.subject ?? `court:${c.court}`).split(':');
      const courtName = names.get(at)?.name ?? at;
      return kind === 'person' ? `${name.join(':')}（${courtName}）` : kind === 'bureau' ? `${courtName} 执行局` : courtName;
    };
    // 排名最后3位的中级法院和基层法院 (山东意见 四.3): by the package's ranking of the courts below.
    const lastThree = (await Promise.all(['中院', '基层'].map(async (level) => {
      const rows = (await this.rankingOf(court, y, level)).rows;
      return rows.slice(-3).reverse();
    }))).flat();
    return {
      criticisms: count('通报批评'), situationNotices: count('情况通报'), praises: count('表扬'), urges: count('催办'),
      exclusions: inForce.length ? '有' : '无',
      exclusionList: inForce.length ? inForce.map((c) => `${label(c)}：${c.rule?.title ?? ''}，${c.rule?.consequence ?? ''}`).join('\n') : `${y}年无`,
      lastThree: lastThree.map((r) => r.court),
      lastThreeList: lastThree.length ? lastThree.map((r) => `${r.courtName}：第${r.rank}名，得分 ${r.score}`).join('\n') : `${y}年无排名`,
    };
  }

  /**
   * 法院排名: the courts below the actor's (of one level when asked) by the indicators of the
   * actor's province's package (DEFAULT_INDICATORS when it declares none), for a Beijing year.
   */
  async ranking(actor: Actor, year: number, level?: string) {
    return this.rankingOf(actor.court, year, level);
  }

  private async rankingOf(court: string, year: number, level?: string) {
    const actor = { court };
    const codes = (await this.deps.courts.codesUnder(actor.court)).filter((c) => c !== actor.court);
    const [courts, actorCourt, packages] = await Promise.all([
      this.deps.courts.findByCodes(codes), this.deps.courts.findByCode(actor.court), this.deps.repo.publishedRules(),
    ]);
    const ranked = codes.filter((c) => courts.has(c) && (!level || courts.get(c)!.level === level));
    const declared = packages.find((p) => p.province === actorCourt?.province && (!p.issuer || p.issuer === actor.court) && p.ranking?.length);
    const indicators = declared?.ranking ?? DEFAULT_INDICATORS;
    const from = new Date(Date.UTC(year, 0, 1) - 8 * 3600_000);
    const to = new Date(Date.UTC(year + 1, 0, 1) - 8 * 3600_000);
    const [cases, entries, reversed] = await Promise.all([
      this.deps.repo.supervisedIn(ranked, from, to, new Date(Math.min(to.getTime(), this.deps.clock.now().getTime()))),
      this.deps.repo.all({ court: { $in: ranked }, year }),
      this.deps.repo.reversedIds(),
    ]);
    const figures = new Map(ranked.map((c) => [c, {} as Record<string, number>]));
    for (const r of cases) Object.assign(figures.get(r.court)!, { cases: r.cases, overdue: r.overdue, closed: r.closed });
    for (const e of entries.filter((x) => COUNTED(x, reversed) && x.court)) {
      const f = figures.get(e.court!)!;
      f[e.kind] = (f[e.kind] ?? 0) + 1;
    }
    return {
      year, level: level ?? null, indicators, declaredBy: declared?.packageId ?? null,
      rows: rank(indicators, ranked.map((c) => ({ court: c, courtName: courts.get(c)!.name, figures: figures.get(c)! }))),
    };
  }

  private filter(codes: string[], q: Partial<ListQuery>): Record<string, unknown> {
    const about: Record<string, unknown> = { $or: [{ court: { $in: codes } }, { 'persons.court': { $in: codes } }] };
    const and: Record<string, unknown>[] = [about];
    if (q.year) and.push({ year: q.year });
    if (q.kind) and.push({ kind: q.kind });
    if (q.court) and.push({ $or: [{ court: q.court }, { 'persons.court': q.court }] });
    return { $and: and };
  }

  private async visible(actor: Actor, e: LedgerEntry): Promise<boolean> {
    const codes = new Set(await this.deps.courts.codesUnder(actor.court));
    return (!!e.court && codes.has(e.court)) || e.persons.some((p) => codes.has(p.court));
  }

  /** Court and account names for people; Beijing-time dates stay ISO (the client formats them). */
  async present(entries: LedgerEntry[], reversed: Set<string>) {
    const courts = await this.deps.courts.findByCodes(entries.flatMap((e) => [e.court ?? '', e.issuer, ...e.persons.map((p) => p.court)]));
    const users = await namesOf(this.deps.connection, entries.map((e) => e.recordedBy));
    const name = (c?: string) => (c ? courts.get(c)?.name ?? c : undefined);
    return entries.map((e) => ({
      ...e,
      id: e._id,
      issuerName: name(e.issuer),
      courtName: name(e.court),
      persons: e.persons.map((p) => ({ ...p, courtName: name(p.court) })),
      recordedByName: e.recordedBy === 'system' ? '系统（规则）' : users.get(e.recordedBy) ?? e.recordedBy,
      reversed: reversed.has(e._id),
    }));
  }
}

export type { Court };
