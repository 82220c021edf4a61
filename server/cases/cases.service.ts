// Starting and reading supervised cases. The engine is stateless per command (DESIGN.md 3):
// load → run one command → save in one guarded update → forget.
import type { HolidayCalendar } from '../calendar/types';
import type { Clock } from '../clock';
import type { DefinitionsRepository } from '../definitions/definitions.repository';
import type { RunEngine } from '../engine';
import { notFound, unprocessable } from '../http/errors';
import type { Actor } from '../http/actor';
import type { CaseDoc } from './case.model';
import type { CasesRepository } from './cases.repository';
import { beijingYear, caseNoSeries, courtAbbreviation, formatCaseNo } from './caseNumbers';
import { recordRun } from './runChanges';

export interface CasesDeps {
  cases: CasesRepository;
  definitions: DefinitionsRepository;
  clock: Clock;
  calendar: () => Promise<HolidayCalendar>;
  /** The engine adapter's run(), in worker threads or in this one (server/engine/pool.ts). */
  run: RunEngine;
  /** The province of a court (for the case number's 琼/豫/…); null for the 最高人民法院. */
  provinceOf?: (court: string) => Promise<string | null | undefined>;
}

export interface StartCaseInput {
  process: string; // definition key
  supervisingCourt: string;
  supervisedCourt: string;
  caseNo?: string;
  data?: Record<string, unknown>;
}

export class CasesService {
  constructor(private readonly deps: CasesDeps) {}

  async start(input: StartCaseInput, actor: Actor): Promise<CaseDoc> {
    const { cases, definitions, clock } = this.deps;
    const definition = await definitions.latest(input.process);
    if (!definition) throw notFound(`流程“${input.process}”尚未部署`);
    const now = clock.now();
    const variables = {
      ...(input.data ?? {}),
      supervisingCourt: input.supervisingCourt,
      supervisedCourt: input.supervisedCourt,
      caseStartedAt: now.toISOString(),
    };
    // The engine runs first: a start it refuses must not consume a case number (D14). Only a
    // start known to succeed draws the next number of its series, just before the one insert.
    const result = await this.deps.run({
      source: definition.xml,
      state: null,
      variables,
      command: { type: 'start' },
      now,
      calendar: await this.deps.calendar(),
      actor: actor.username,
    }).catch((err) => {
      throw unprocessable(`流程无法启动：${(err as Error).message}`);
    });
    const drawn = input.caseNo ? null : await this.drawCaseNo(input.supervisingCourt, now);
    const caseNo = input.caseNo ?? drawn!.caseNo;
    const record = recordRun(null, result, now, actor.username, [
      {
        type: 'caseStarted',
        data: { definition: { key: definition.key, version: definition.version }, caseNo, by: actor.username },
      },
    ]);
    try {
      return await cases.insert({
        caseNo,
        definition: { key: definition.key, version: definition.version },
        supervisingCourt: input.supervisingCourt,
        supervisedCourt: input.supervisedCourt,
        subject: subjectOf(input.data),
        variables: record.changes.variables ?? variables,
        engineState: record.changes.engineState ?? null,
        openTasks: record.changes.openTasks ?? [],
        timers: record.changes.timers ?? [],
        nextDueAt: record.changes.nextDueAt ?? null,
        history: record.history,
        version: 0,
        status: record.changes.status ?? 'running',
        createdAt: now,
        ...(record.changes.closedAt ? { closedAt: record.changes.closedAt } : {}),
      });
    } catch (err) {
      // The store failed the insert: hand the number back unless a later start has drawn since.
      if (drawn) await cases.giveBackNumber(drawn.series, drawn.n).catch(() => undefined);
      throw err;
    }
  }

  async get(id: string): Promise<CaseDoc> {
    if (!/^[0-9a-f]{24}$/i.test(id)) throw notFound('案件不存在');
    const doc = await this.deps.cases.findById(id);
    if (!doc) throw notFound('案件不存在');
    return doc;
  }

  /** 督办案号 （2026）琼执督1号: the next number of the supervising court's province and year. */
  private async drawCaseNo(supervisingCourt: string, now: Date) {
    const province = this.deps.provinceOf ? await this.deps.provinceOf(supervisingCourt) : '';
    const abbreviation = province === '' || province === undefined ? '' : courtAbbreviation(province);
    const year = beijingYear(now);
    const series = caseNoSeries(abbreviation, year);
    const n = await this.deps.cases.nextNumber(series);
    return { series, n, caseNo: formatCaseNo(abbreviation, year, n) };
  }
}

/** The case subject shown everywhere: 执行案号, parties, source (DESIGN.md shared names). */
function subjectOf(data: Record<string, unknown> = {}) {
  const pick = (k: string) => (data[k] === undefined ? undefined : data[k]);
  return {
    enforcementCaseNo: pick('enforcementCaseNo'),
    parties: pick('parties'),
    source: pick('source'),
    title: pick('title'),
  };
}
