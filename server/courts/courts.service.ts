// Court commands: create, update, seed. Handlers have already checked the 系统管理员 role;
// here each command checks that the court lies within the actor's jurisdiction.
import { conflict, forbidden, notFound, unprocessable } from '../http/errors';
import { withinJurisdiction } from './jurisdiction';
import type { CourtsRepository } from './courts.repository';
import { courtChangesSchema, courtInputSchema, placementProblems } from './courts.rules';
import type { Court, CourtInput } from './courts.types';
import { parseInput } from './validate';

export interface CourtActor {
  username: string;
  court: string;
}
export interface CourtEvent {
  type: 'court_created' | 'court_updated' | 'courts_imported';
  actor: string;
  target?: string;
  data?: Record<string, unknown>;
}
export type CourtEventSink = (event: CourtEvent) => Promise<void>;

export type CourtsService = ReturnType<typeof createCourtsService>;

export function createCourtsService(deps: { repo: CourtsRepository; events: CourtEventSink }) {
  const { repo, events } = deps;

  /** The actor's own court; a user whose court vanished manages nothing. */
  async function actorCourt(actor: CourtActor): Promise<Court> {
    const court = await repo.findByCode(actor.court);
    if (!court) throw forbidden('您所在的法院不存在，无法管理法院');
    return court;
  }

  /** A court without parent (最高, or a 高院 when no 最高 is registered) only from 最高. */
  function assertMayPlaceUnder(own: Court, parent: Court | null) {
    const ok = parent ? withinJurisdiction(own, parent) : own.level === '最高';
    if (!ok) throw forbidden('无权在该上级法院下设置法院（超出本院管辖范围）');
  }

  return {
    list: () => repo.listAll(),

    async createCourt(actor: CourtActor, body: unknown): Promise<Court> {
      const input = parseInput(courtInputSchema, body, '法院信息');
      const own = await actorCourt(actor);
      if (await repo.findByCode(input.code)) throw conflict(`法院代码“${input.code}”已存在`);
      const parent = input.parent === null ? null : ((await repo.findByCode(input.parent)) ?? undefined);
      const problems = placementProblems(input, parent);
      if (problems.length) throw unprocessable(problems[0], problems.map((message) => ({ message })));
      assertMayPlaceUnder(own, parent ?? null);
      const court: Court = { ...input, ancestors: parent ? [...parent.ancestors, parent.code] : [] };
      await repo.insertCourt(court);
      await events({ type: 'court_created', actor: actor.username, target: court.code, data: { ...input } });
      return court;
    },

    async updateCourt(actor: CourtActor, code: string, body: unknown): Promise<Court> {
      const changes = parseInput(courtChangesSchema, body, '法院信息');
      const own = await actorCourt(actor);
      const current = await repo.findByCode(code);
      if (!current || !withinJurisdiction(own, current)) throw notFound('法院不存在');
      const next: CourtInput = { ...current, ...changes };
      const parentChanged = 'parent' in changes && changes.parent !== current.parent;
      const parent = next.parent === null ? null : ((await repo.findByCode(next.parent)) ?? undefined);
      if (parent && (parent.code === code || parent.ancestors.includes(code))) {
        throw unprocessable('上级法院不能是本院或本院的下级法院');
      }
      if (parentChanged) assertMayPlaceUnder(own, parent ?? null);
      const problems = placementProblems(next, parent);
      const children = (await repo.listAll()).filter((c) => c.parent === code);
      for (const child of children) {
        for (const p of placementProblems(child, { ...next, code })) problems.push(`下级法院 ${child.name}：${p}`);
      }
      if (problems.length) throw unprocessable(problems[0], problems.map((message) => ({ message })));
      await repo.updateCourt(code, changes);
      if (parentChanged) await repo.rebuildAncestors();
      await events({ type: 'court_updated', actor: actor.username, target: code, data: { ...changes } });
      return (await repo.findByCode(code))!;
    },

    /** Adds seed courts that are missing; never overwrites an administrator's edits. */
    async seedCourts(seed: CourtInput[]): Promise<number> {
      const existing = await repo.findByCodes(seed.map((c) => c.code));
      const missing = seed.filter((c) => !existing.has(c.code));
      if (missing.length) await repo.upsertCourts(missing);
      await repo.rebuildAncestors();
      return missing.length;
    },
  };
}
