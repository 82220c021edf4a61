// Monitoring rules (package data, rules.schema.ts) over the 执行案件 records. Run by the durable
// scheduler's pass (server/scheduler), never by an in-process timer: a record is due when it
// arrived or changed (nextCheckAt = then) or when a rule's `at` instant comes; due records are
// claimed with a lease, so any number of server processes share the work, and the trigger key
// makes each (rule, record) start its process at most once (startCase.ts).
import { createHash } from 'node:crypto';
import type { HolidayCalendar } from '../calendar/types';
import type { CasesService } from '../cases/cases.service';
import type { CourtsRepository } from '../courts';
import { armDeadline } from '../engine/deadlines';
import type { CourtDirectory } from '../engine/feel';
import type { Logger } from '../logger';
import { evalRecord, recordVariables } from './recordFeel';
import type { PackageSection, RecordDoc, RecordsRepository } from './records.repository';
import type { MonitoringRule } from './rules.schema';
import { recordData, startOnce } from './startCase';

export interface MonitorDeps {
  repo: RecordsRepository;
  cases: CasesService;
  courts: CourtsRepository;
  calendar: () => Promise<HolidayCalendar>;
  sections: () => Promise<PackageSection[]>;
  logger: Logger;
}

const BATCH = 100;
const LEASE_MS = 120_000;

export class Monitor {
  constructor(private readonly deps: MonitorDeps) {}

  /** One scheduler pass: every record due at `now`; resolves with the number of cases started. */
  async checkDue(now: Date, owner: string): Promise<number> {
    const sections = await this.deps.sections();
    const rules = sections.flatMap((s) => s.section.rules.map((rule) => ({ packageId: s.packageId, province: s.province, rule })));
    // Rules changed (a package published): every record is looked at again under the new rules.
    const hash = createHash('sha256').update(JSON.stringify(rules)).digest('hex');
    if ((await this.deps.repo.rulesHash()) !== hash) {
      await this.deps.repo.markAllDue(now);
      await this.deps.repo.setRulesHash(hash);
    }
    // No rule anywhere: nothing to look for (a package published later marks every record due).
    if (!rules.length) return 0;
    const calendar = await this.deps.calendar();
    const seen = new Set<string>();
    let started = 0;
    for (;;) {
      const batch = (await this.deps.repo.claimDue(now, owner, LEASE_MS, BATCH)).filter((r) => !seen.has(String(r._id)));
      if (!batch.length) return started;
      const courts = await this.deps.courts.findByCodes(batch.flatMap((r) => r.courtPath));
      for (const record of batch) {
        seen.add(String(record._id));
        let next: Date | null = null;
        try {
          const r = await this.check(record, rules.filter((x) => x.province === record.province), now, owner, calendar, courts);
          started += r.started;
          next = r.next;
        } catch (err) {
          this.deps.logger.error({ err, record: String(record._id) }, '执行案件监控规则执行失败');
        }
        await this.deps.repo.checked(record._id, owner, next, record.version);
      }
    }
  }

  private async check(
    record: RecordDoc, rules: { packageId: string; rule: MonitoringRule }[], now: Date, owner: string,
    calendar: HolidayCalendar, courts: Map<string, { code: string; name: string; level: string; parent: string | null }>,
  ): Promise<{ started: number; next: Date | null }> {
    let next: Date | null = null;
    let started = 0;
    const directory: CourtDirectory = Object.fromEntries(record.courtPath.flatMap((c) => {
      const x = courts.get(c);
      return x ? [[c, { level: x.level, parent: x.parent }]] : [];
    }));
    const courtName = courts.get(record.court)?.name;
    const plain = { caseNo: record.caseNo, court: record.court, filedAt: record.filedAt, closedAt: record.closedAt ?? null, closing: record.closing ?? null, handler: record.handler ?? null };
    for (const { packageId, rule } of rules) {
      const firedKey = `${packageId}:${rule.id}`;
      if (record.fired?.includes(firedKey)) continue;
      let at: Date | null = null;
      if (rule.at) {
        try {
          at = new Date(armDeadline(rule.at, { variables: plain, now: record.createdAt, calendar }).dueAt);
        } catch {
          continue; // the record lacks the base the notation counts from: the rule does not apply
        }
        if (at > now) {
          if (!next || at < next) next = at;
          continue;
        }
      }
      // The legal moment: the instant itself, or the record's arrival when it came later.
      const moment = at && at > record.updatedAt ? at : record.updatedAt > now ? now : record.updatedAt;
      const vars = recordVariables({ ...record, courtName }, calendar, moment);
      if (rule.when && evalRecord(rule.when, vars, moment, directory) !== true) continue;
      const court = (expr: string | undefined, fallback: string) => {
        const v = evalRecord(expr ?? fallback, vars, moment, directory);
        if (typeof v !== 'string' || !courts.has(v) && !record.courtPath.includes(v)) throw new Error(`规则 ${rule.id} 的法院表达式没有得到法院代码`);
        return v;
      };
      const data: Record<string, unknown> = {};
      for (const [k, expr] of Object.entries(rule.data ?? {})) data[k] = evalRecord(expr, vars, moment, directory) ?? null;
      const r = await startOnce(this.deps.repo, this.deps.cases, owner, {
        key: `rule:${firedKey}:${String(record._id)}`, cause: `rule:${firedKey}`, firedKey, title: rule.title, record,
        process: rule.process, supervisingCourt: court(rule.supervisingCourt, 'parentCourt(court)'), supervisedCourt: court(rule.supervisedCourt, 'court'),
        data: {
          ...recordData(record, courtName), filedAt: record.filedAt, ...data,
          enforcementRule: { id: rule.id, title: rule.title, basis: rule.basis, package: packageId, at: moment.toISOString() },
        },
        at: moment,
      });
      if (r.state === 'started') started++;
      if (r.state === 'busy') next = now; // another process holds it; looked at again next pass
    }
    return { started, next };
  }
}
