// Importing 执行案件 records: a file (.xlsx / CSV) as a background job with progress, or a JSON
// feed answered at once. Every import answers with the validation report (row, column, reason).
// mode "valid": every valid row is written, invalid rows reported. mode "all": nothing is
// written unless every row is valid — a first pass validates the whole file, a second writes,
// so no row is held in memory beyond one chunk (100,000 rows, issue 16).
import { randomUUID } from 'node:crypto';
import { open, rm } from 'node:fs/promises';
import type { Court, CourtsRepository } from '../courts';
import { badRequest, forbidden, unprocessable } from '../http/errors';
import type { Actor } from '../http/actor';
import { beijingDay } from './dates';
import { RECORD_FIELDS, REQUIRED_FIELDS, defaultMapping, type ColumnMapping, type RecordInput } from './fields';
import { kindOf, openSheet, fileSize, SheetError } from './readers';
import type { ImportJob, RecordsRepository } from './records.repository';
import { parseFeedRecord, parseRow, type CourtLookup, type RowProblem } from './rowParse';
import { writeRecords, type WriteCounts } from './writer';

export const IMPORT_ROLES = ['系统管理员', '流程管理员', '审查人员', '承办人', '审批人'];
const CHUNK = 500;
/** The report keeps the first problems in full; the count covers all of them. */
const REPORT_LIMIT = 1000;
export const FEED_LIMIT = 5000;

export interface ImportDeps {
  repo: RecordsRepository;
  courts: CourtsRepository;
  now: () => Date;
  /** After records were written: the monitoring rules look at them (a scheduler pass). */
  afterWrite: () => void;
}

export class ImportService {
  constructor(private readonly deps: ImportDeps) {}

  async courtsFor(actor: Actor): Promise<{ lookup: CourtLookup; byCode: Map<string, Court>; own: Court }> {
    const all = await this.deps.courts.listAll();
    const own = all.find((c) => c.code === actor.court);
    if (!own) throw forbidden('用户所在法院不存在');
    const byCode = new Map(all.map((c) => [c.code, c]));
    const byName = new Map(all.map((c) => [c.name, c]));
    const reachable = new Set(all.filter((c) => c.code === own.code || c.ancestors.includes(own.code)).map((c) => c.code));
    return {
      own, byCode,
      lookup: { find: (s) => byCode.get(s) ?? byName.get(s), reachable: (code) => reachable.has(code) },
    };
  }

  async mappingFor(court: Court): Promise<ColumnMapping> {
    return (court.province && (await this.deps.repo.mapping(court.province))) || defaultMapping();
  }

  /** Starts a file import; the job runs on in the background and removes the file when done. */
  async startFile(actor: Actor, file: { path: string; name: string }, mode: 'valid' | 'all'): Promise<ImportJob> {
    const { lookup, byCode, own } = await this.courtsFor(actor);
    const mapping = await this.mappingFor(own);
    const head = Buffer.alloc(4);
    const fh = await open(file.path, 'r');
    await fh.read(head, 0, 4, 0).finally(() => fh.close());
    const kind = kindOf(head);
    const job: ImportJob = {
      _id: randomUUID(), court: actor.court, by: actor.username, fileName: file.name, kind, mode, status: 'running', phase: '校验',
      totalBytes: await fileSize(file.path), bytesRead: 0, rows: 0, created: 0, updated: 0, unchanged: 0, problems: [], problemCount: 0,
      startedAt: this.deps.now(),
    };
    await this.deps.repo.createJob(job);
    const done = this.run(job, file.path, mapping, lookup, byCode).finally(() => rm(file.path, { force: true }));
    done.catch(() => undefined);
    return job;
  }

  private async run(job: ImportJob, file: string, mapping: ColumnMapping, lookup: CourtLookup, courts: Map<string, Court>): Promise<void> {
    const repo = this.deps.repo;
    const progress = { bytesRead: 0 };
    const problems: RowProblem[] = [];
    let problemCount = 0;
    const counts: WriteCounts = { created: 0, updated: 0, unchanged: 0 };
    const report = (p: RowProblem[]) => {
      problemCount += p.length;
      for (const x of p) if (problems.length < REPORT_LIMIT) problems.push(x);
    };
    const save = (set: Partial<ImportJob>) => repo.updateJob(job._id, { bytesRead: progress.bytesRead, problemCount, ...set });
    try {
      // Pass 1 validates (and, in mode "valid", writes as it goes); mode "all" writes in pass 2.
      const writing = job.mode === 'valid';
      const rows = await this.pass(file, job, mapping, lookup, progress, report, writing ? counts : null, courts, save);
      if (job.mode === 'all') {
        if (problemCount) {
          await save({ status: 'rejected', phase: '完成', rows, problems, message: `有 ${problemCount} 处错误，按“全部正确才导入”的要求，一条也未导入`, finishedAt: this.deps.now() });
          return;
        }
        progress.bytesRead = 0;
        await save({ phase: '写入', rows });
        await this.pass(file, job, mapping, lookup, progress, () => undefined, counts, courts, save);
      }
      await save({
        status: 'done', phase: '完成', rows, problems, ...counts, finishedAt: this.deps.now(),
        message: `共 ${rows} 行：新增 ${counts.created}，更新 ${counts.updated}，未变 ${counts.unchanged}${problemCount ? `，${problemCount} 处错误未导入` : ''}`,
      });
      if (counts.created + counts.updated) this.deps.afterWrite();
    } catch (err) {
      const message = err instanceof SheetError ? err.message : `导入失败：${(err as Error).message}`;
      await save({ status: 'failed', phase: '完成', problems, ...counts, message, finishedAt: this.deps.now() });
    }
  }

  private async pass(
    file: string, job: ImportJob, mapping: ColumnMapping, lookup: CourtLookup, progress: { bytesRead: number },
    report: (p: RowProblem[]) => void, counts: WriteCounts | null, courts: Map<string, Court>,
    save: (set: Partial<ImportJob>) => Promise<void>,
  ): Promise<number> {
    const sheet = await openSheet(file, job.kind as 'xlsx' | 'csv', progress);
    const missing = REQUIRED_FIELDS.filter((f) => !sheet.header.includes(mapping.fields[f]));
    if (missing.length) {
      throw new SheetError(`第 1 行缺少列：${missing.map((f) => mapping.fields[f]).join('、')}（列名按本省的列对应设置，见「列对应」）`);
    }
    const today = beijingDay(this.deps.now());
    const seen = new Map<string, number>();
    let batch: RecordInput[] = [];
    let rows = 0;
    const flush = async () => {
      if (counts && batch.length) {
        const c = await writeRecords(this.deps.repo, batch, courts, { now: this.deps.now(), by: job.by, source: `import:${job._id}` });
        counts.created += c.created; counts.updated += c.updated; counts.unchanged += c.unchanged;
      }
      batch = [];
      await save({ rows, ...(counts ?? {}) });
    };
    for await (const row of sheet.rows) {
      rows++;
      const parsed = parseRow(row.row, row.get, mapping, lookup, today);
      if (parsed.record) {
        const key = `${parsed.record.court}\u0000${parsed.record.caseNo}`;
        const first = seen.get(key);
        if (first !== undefined) {
          report([{ row: row.row, column: mapping.fields.caseNo, reason: `与第 ${first} 行重复（同一执行法院、同一案号）` }]);
          continue;
        }
        seen.set(key, row.row);
        batch.push(parsed.record);
      } else report(parsed.problems);
      if (batch.length >= CHUNK || rows % CHUNK === 0) await flush();
    }
    await flush();
    return rows;
  }

  /** The JSON feed: same validation, answered with the report and the counts. */
  async feed(actor: Actor, body: unknown): Promise<{ rows: number; problems: RowProblem[] } & WriteCounts & { written: boolean }> {
    const b = (body ?? {}) as Record<string, unknown>;
    if (!Array.isArray(b.records)) throw badRequest('请求应为 {"records": [...], "mode": "valid" | "all"}');
    if (b.records.length > FEED_LIMIT) throw badRequest(`一次至多 ${FEED_LIMIT} 条记录，请分批发送`);
    const mode = b.mode === undefined ? 'valid' : b.mode;
    if (mode !== 'valid' && mode !== 'all') throw badRequest('mode 应为 valid（写入正确的记录）或 all（全部正确才写入）');
    const { lookup, byCode } = await this.courtsFor(actor);
    const now = this.deps.now();
    const problems: RowProblem[] = [];
    const valid: RecordInput[] = [];
    const seen = new Map<string, number>();
    b.records.forEach((raw, i) => {
      const p = parseFeedRecord(i, raw, lookup, now);
      if (!p.record) return void problems.push(...p.problems);
      const key = `${p.record.court}\u0000${p.record.caseNo}`;
      if (seen.has(key)) return void problems.push({ row: i + 1, column: 'caseNo', reason: `与第 ${seen.get(key)} 条重复（同一执行法院、同一案号）` });
      seen.set(key, i + 1);
      valid.push(p.record);
    });
    if (mode === 'all' && problems.length) {
      throw unprocessable(`有 ${problems.length} 处错误，一条也未写入`, problems.slice(0, REPORT_LIMIT).map((p) => ({ field: `records[${p.row - 1}].${p.column}`, message: p.reason, row: p.row, column: p.column })));
    }
    const counts = await writeRecords(this.deps.repo, valid, byCode, { now, by: actor.username, source: 'api' });
    return { rows: b.records.length, problems, ...counts, written: counts.created + counts.updated > 0 };
  }

  /** Saves the province's mapping (a 高院 administrator); every field and node needs a title. */
  async saveMapping(actor: Actor, body: unknown): Promise<ColumnMapping> {
    const { own } = await this.courtsFor(actor);
    if (!own.province || own.level !== '高院') throw forbidden('列对应按省设置，只能由高院的流程管理员或系统管理员修改');
    const base = defaultMapping();
    const b = (body ?? {}) as { fields?: Record<string, unknown>; nodes?: Record<string, unknown> };
    const problems: { field: string; message: string }[] = [];
    const take = (group: 'fields' | 'nodes', target: Record<string, string>) => {
      for (const k of Object.keys(target)) {
        const v = b[group]?.[k];
        if (v === undefined) continue;
        if (typeof v !== 'string' || !v.trim() || v.length > 40) problems.push({ field: `${group}.${k}`, message: '列名应为 1–40 字的文字' });
        else target[k] = v.trim();
      }
      for (const k of Object.keys(b[group] ?? {})) if (!(k in target)) problems.push({ field: `${group}.${k}`, message: '未知的字段' });
    };
    take('fields', base.fields);
    take('nodes', base.nodes);
    const titles = [...Object.values(base.fields), ...Object.values(base.nodes)];
    const dup = titles.find((t, i) => titles.indexOf(t) !== i);
    if (dup) problems.push({ field: 'fields', message: `列名「${dup}」对应了两个字段` });
    if (problems.length) throw badRequest('列对应有误', problems);
    await this.deps.repo.saveMapping(own.province, base, actor.username, this.deps.now());
    return base;
  }
}

export const FIELD_LABELS = RECORD_FIELDS;
