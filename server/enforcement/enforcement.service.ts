// The enforcement capability's service face: imports, records as shown, the record behind a
// case, inspection rounds. Jurisdiction checks are the routes'; this holds what they ask for.
import { conflict } from '../http/errors';
import type { Actor } from '../http/actor';
import type { CourtsRepository } from '../courts';
import type { ImportService } from './import.service';
import type { InspectionsService } from './inspections.service';
import type { RecordDoc, RecordsRepository } from './records.repository';

export class EnforcementService {
  constructor(
    readonly imports: ImportService,
    readonly inspections: InspectionsService,
    private readonly repo: RecordsRepository,
    private readonly courts: CourtsRepository,
    private readonly afterFeed: () => Promise<unknown>,
    private readonly owner: string,
  ) {}

  async mappingOf(actor: Actor) {
    const own = await this.courts.findByCode(actor.court);
    return own ? this.imports.mappingFor(own) : null;
  }

  /** The feed answers after the rules have looked at what it wrote (a scheduler pass). */
  async feed(actor: Actor, body: unknown) {
    const result = await this.imports.feed(actor, body);
    if (result.written) await this.afterFeed();
    return result;
  }

  async recentImports(actor: Actor) {
    return this.repo.recentJobs(await this.courts.codesUnder(actor.court), 20);
  }
  job(id: string) { return this.repo.findJob(id); }
  record(id: string) { return this.repo.findById(id); }
  caseRef(id: string) { return this.repo.caseRef(id); }

  async page(filter: Record<string, unknown>, skip: number, pageSize: number, page: number) {
    const { items, total } = await this.repo.page(filter, skip, pageSize);
    const names = await this.courtNames(items.map((i) => i.court));
    return { items: items.map((i) => this.shape(i, names, false)), total, page, pageSize };
  }

  /** The record behind a case: the one that started it, else the 执行案号 its data names. */
  async recordOfCase(c: { variables: Record<string, unknown>; subject?: Record<string, unknown>; supervisedCourt: string }): Promise<RecordDoc | null> {
    const id = c.variables?.enforcementRecordId;
    if (typeof id === 'string') return this.repo.findById(id);
    const caseNo = c.subject?.enforcementCaseNo ?? c.variables?.enforcementCaseNo;
    const court = (c.subject?.enforcementCourt as string | undefined) ?? c.supervisedCourt;
    return typeof caseNo === 'string' && caseNo ? this.repo.findByCaseNo(court, caseNo) : null;
  }

  async present(r: RecordDoc, full: boolean) {
    return this.shape(r, await this.courtNames([r.court]), full);
  }

  private async courtNames(codes: string[]) {
    const m = await this.courts.findByCodes(codes);
    return new Map([...m].map(([k, v]) => [k, v.name]));
  }

  private shape(r: RecordDoc, names: Map<string, string>, full: boolean) {
    return {
      id: String(r._id), caseNo: r.caseNo, court: r.court, courtName: names.get(r.court) ?? r.court, handler: r.handler ?? null,
      filedAt: r.filedAt, closedAt: r.closedAt ?? null, closing: r.closing ?? null, nodes: r.nodes, updatedAt: r.updatedAt, version: r.version,
      cases: r.cases ?? [],
      ...(full ? { history: r.history, createdAt: r.createdAt } : {}),
    };
  }

  async draw(actor: Actor, body: unknown) {
    return this.inspections.drawRound(actor, body, this.owner);
  }
  async rounds(actor: Actor) {
    return this.repo.listRounds(await this.courts.codesUnder(actor.court));
  }
  async round(id: string) {
    const round = await this.repo.findRound(id);
    if (!round) return null;
    const cases = await this.repo.casesOfRound(id);
    const byRecord = new Map(cases.map((c) => [String(c.variables.enforcementRecordId), c]));
    return {
      ...round,
      sample: round.sample.map((s) => {
        const c = byRecord.get(s.recordId);
        return { ...s, caseId: c ? String(c._id) : null, caseNo: s.caseNo, supervisionCaseNo: c?.caseNo ?? null, status: c?.status ?? null };
      }),
    };
  }
  async aggregate(id: string) {
    const out = await this.inspections.aggregate(id);
    if (!out) throw conflict('本轮仍有评查案件未办结，办结后才能汇总合格率');
    return { courts: out };
  }
}
