// Starting and reading supervised cases. The engine is stateless per command (DESIGN.md 3):
// load → run one command → save in one guarded update → forget.
import type { HolidayCalendar } from '../calendar/types';
import type { Clock } from '../clock';
import type { DefinitionsRepository } from '../definitions/definitions.repository';
import type { RunEngine } from '../engine';
import { badRequest, notFound, unprocessable } from '../http/errors';
import type { Actor } from '../http/actor';
import type { CaseDoc } from './case.model';
import type { CasesRepository } from './cases.repository';
import { courtDirectory, type CaseDirectory } from './caseCourts';
import { recordRun } from './runChanges';

export interface CasesDeps {
  cases: CasesRepository;
  definitions: DefinitionsRepository;
  clock: Clock;
  calendar: () => Promise<HolidayCalendar>;
  /** The engine adapter's run(), in worker threads or in this one (server/engine/pool.ts). */
  run: RunEngine;
  /** Courts and users: courtLevel()/parentCourt() in FEEL, changes of the supervised court, named 专人. */
  directory?: CaseDirectory;
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
      supervisedCourts: [input.supervisedCourt],
      caseStartedAt: now.toISOString(),
    };
    // The case number is drawn while the engine runs (its write waits on the disk, the engine
    // on the CPU). A start the engine refuses leaves a gap in the year's series; such a start
    // is a broken diagram, which deploy validation keeps out.
    const [result, caseNo] = await Promise.all([
      this.deps.run({
        source: definition.xml,
        state: null,
        variables,
        command: { type: 'start' },
        now,
        calendar: await this.deps.calendar(),
        courts: await courtDirectory(this.deps.directory, input),
        actor: actor.username,
      }).catch((err) => {
        throw unprocessable(`流程无法启动：${(err as Error).message}`);
      }),
      input.caseNo ?? this.nextCaseNo(now),
    ]);
    const record = recordRun(null, result, now, actor.username, [
      {
        type: 'caseStarted',
        data: { definition: { key: definition.key, version: definition.version }, caseNo, by: actor.username },
      },
    ]);
    return cases.insert({
      caseNo,
      definition: { key: definition.key, version: definition.version },
      supervisingCourt: input.supervisingCourt,
      supervisedCourt: input.supervisedCourt,
      supervisedCourts: [input.supervisedCourt],
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
  }

  async get(id: string): Promise<CaseDoc> {
    if (!/^[0-9a-f]{24}$/i.test(id)) throw notFound('案件不存在');
    const doc = await this.deps.cases.findById(id);
    if (!doc) throw notFound('案件不存在');
    return doc;
  }

  /** 督办案号: （2026）督第 N 号 — a yearly series in Beijing time. */
  private async nextCaseNo(now: Date): Promise<string> {
    const year = new Date(now.getTime() + 8 * 3600_000).getUTCFullYear();
    const n = await this.deps.cases.nextNumber(`caseNo-${year}`);
    return `（${year}）督第${n}号`;
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

export function assertStartInput(body: unknown): StartCaseInput {
  const b = body as Partial<StartCaseInput>;
  const problems: { field: string; message: string }[] = [];
  if (typeof b?.process !== 'string' || !b.process) problems.push({ field: 'process', message: '请指定流程' });
  if (typeof b?.supervisedCourt !== 'string' || !b.supervisedCourt)
    problems.push({ field: 'supervisedCourt', message: '请指定被督办法院' });
  if (b?.data !== undefined && (typeof b.data !== 'object' || b.data === null || Array.isArray(b.data)))
    problems.push({ field: 'data', message: '案件数据必须是对象' });
  if (problems.length) throw badRequest('案件信息不完整', problems);
  return b as StartCaseInput;
}
