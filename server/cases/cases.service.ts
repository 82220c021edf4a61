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
import { beijingYear, caseNoSeries, courtAbbreviation, formatCaseNo } from './caseNumbers';
import { recordRun } from './runChanges';
import { startsOfXml } from '../starts/registry';

export interface CasesDeps {
  cases: CasesRepository;
  definitions: DefinitionsRepository;
  clock: Clock;
  calendar: () => Promise<HolidayCalendar>;
  /** The engine adapter's run(), in worker threads or in this one (server/engine/pool.ts). */
  run: RunEngine;
  /** Courts and users: courtLevel()/parentCourt() in FEEL, changes of the supervised court, named 专人. */
  directory?: CaseDirectory;
  /** The province of a court (for the case number's 琼/豫/…); null for the 最高人民法院. */
  provinceOf?: (court: string) => Promise<string | null | undefined>;
}

export interface StartCaseInput {
  process: string; // definition key
  supervisingCourt: string;
  supervisedCourt: string;
  caseNo?: string;
  data?: Record<string, unknown>;
  /**
   * The instant the case starts at, when it is not now: a monitoring rule's legal moment
   * (server/enforcement), reached while the clock had moved on. Never from a request.
   */
  at?: Date;
}

export class CasesService {
  constructor(private readonly deps: CasesDeps) {}

  async start(input: StartCaseInput, actor: Actor): Promise<CaseDoc> {
    const { cases, definitions, clock } = this.deps;
    const definition = await definitions.latest(input.process);
    if (!definition) throw notFound(`流程“${input.process}”尚未部署`);
    // A process with a timer or message start event is started by the platform (server/starts).
    if (actor.username !== 'system') {
      const starts = await startsOfXml(definition.xml).catch(() => []);
      if (starts.length) {
        const s = starts[0];
        throw unprocessable(s.kind === 'timer'
          ? `流程“${definition.name ?? definition.key}”由定时器（${s.cycle}）自动立案，不能手动立案`
          : `流程“${definition.name ?? definition.key}”在收到消息「${s.message}」时自动立案，不能手动立案`);
      }
    }
    const now = input.at ?? clock.now();
    const variables = {
      ...(input.data ?? {}),
      supervisingCourt: input.supervisingCourt,
      supervisedCourt: input.supervisedCourt,
      supervisedCourts: [input.supervisedCourt],
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
      courts: await courtDirectory(this.deps.directory, input),
      actor: actor.username,
    }).catch((err) => {
      // The engine's own words where they are the diagram's; never an internal error text.
      const message = (err as Error).message ?? '';
      throw unprocessable(err instanceof RangeError || /Maximum call stack|is not a function|Cannot read prop/.test(message)
        ? '流程无法启动：案件数据无法处理' : `流程无法启动：${message}`);
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
        supervisedCourts: [input.supervisedCourt],
        subject: subjectOf(input.data),
        variables: record.changes.variables ?? variables,
        engineState: record.changes.engineState ?? null,
        openTasks: record.changes.openTasks ?? [],
        timers: record.changes.timers ?? [],
        nextDueAt: record.changes.nextDueAt ?? null,
        messageWaits: record.changes.messageWaits ?? [],
        ...(record.changes.outbox ? { outbox: record.changes.outbox } : {}),
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
    // 执行法院 of the 执行案件 behind the case (server/enforcement); lists filter by it.
    enforcementCourt: pick('enforcementCourt'),
    parties: pick('parties'),
    source: pick('source'),
    title: pick('title'),
  };
}

/** Bounds of case start data (security probe F8): it is copied into every list and inbox. */
export const START_LIMITS = { bytes: 64 * 1024, depth: 8, keys: 500, string: 10_000, subjectString: 200 };
const SUBJECT_FIELDS = ['enforcementCaseNo', 'source', 'title'] as const;
// Control characters (tab and newlines allowed) and bidi overrides, which disguise names.
// eslint-disable-next-line no-control-regex
const UNSAFE_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/;
const UNSAFE_KEY = (k: string) => k.startsWith('$') || k.includes('.') || k === '__proto__' || k === 'constructor' || k === 'prototype';

/** Problems of the start data: size, depth, keys, strings; empty when acceptable. */
function startDataProblems(data: Record<string, unknown>): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  let keys = 0;
  const walk = (v: unknown, path: string, depth: number): void => {
    if (problems.length > 20) return;
    if (depth > START_LIMITS.depth) return void problems.push({ field: path, message: `嵌套超过 ${START_LIMITS.depth} 层` });
    if (typeof v === 'string') {
      if (v.length > START_LIMITS.string) problems.push({ field: path, message: `文字超过 ${START_LIMITS.string} 字` });
      else if (UNSAFE_TEXT.test(v)) problems.push({ field: path, message: '含有控制字符或文字方向控制符' });
      return;
    }
    if (Array.isArray(v)) return v.forEach((x, i) => walk(x, `${path}.${i}`, depth + 1));
    if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (++keys > START_LIMITS.keys) return void problems.push({ field: path, message: `字段超过 ${START_LIMITS.keys} 个` });
        if (UNSAFE_KEY(k)) problems.push({ field: `${path}.${k}`, message: '字段名不能以 $ 开头、含有“.”或为保留名' });
        else walk(x, `${path}.${k}`, depth + 1);
      }
    }
  };
  walk(data, 'data', 0);
  for (const f of SUBJECT_FIELDS) {
    const v = data[f];
    if (v !== undefined && (typeof v !== 'string' || v.length > START_LIMITS.subjectString)) {
      problems.push({ field: `data.${f}`, message: `应为不超过 ${START_LIMITS.subjectString} 字的文字` });
    }
  }
  return problems;
}

/**
 * The start request, field by field: the 督办案号 is always the server's (security probe F6 —
 * a client-chosen caseNo had taken official numbers), and the data is bounded (F8).
 */
export function assertStartInput(body: unknown): Omit<StartCaseInput, 'supervisingCourt' | 'supervisedCourt'> & { supervisedCourt?: string } {
  const b = (body ?? {}) as Record<string, unknown>;
  const problems: { field: string; message: string }[] = [];
  if (typeof b.process !== 'string' || !b.process || b.process.length > 100) problems.push({ field: 'process', message: '请指定流程' });
  // Absent for a process whose supervised court is the starter's own (server/intake decides).
  if (b.supervisedCourt !== undefined && (typeof b.supervisedCourt !== 'string' || !b.supervisedCourt || b.supervisedCourt.length > 40))
    problems.push({ field: 'supervisedCourt', message: '请指定被督办法院' });
  if (b.caseNo !== undefined) problems.push({ field: 'caseNo', message: '督办案号由平台编号，不能指定' });
  const data = b.data;
  if (data !== undefined && (typeof data !== 'object' || data === null || Array.isArray(data))) {
    problems.push({ field: 'data', message: '案件数据必须是对象' });
  } else if (data !== undefined) {
    // Depth first: stringifying 10,000 levels would overflow the stack (probe IN-04/IN-06).
    problems.push(...startDataProblems(data as Record<string, unknown>));
    if (!problems.length && Buffer.byteLength(JSON.stringify(data)) > START_LIMITS.bytes) {
      problems.push({ field: 'data', message: `案件数据超过 ${START_LIMITS.bytes / 1024} KB` });
    }
  }
  if (problems.length) throw badRequest(problems.some((p) => p.field.startsWith('data')) ? '案件数据无效' : '案件信息不完整', problems);
  return { process: b.process as string, ...(b.supervisedCourt ? { supervisedCourt: b.supervisedCourt as string } : {}), ...(data ? { data: data as Record<string, unknown> } : {}) };
}
