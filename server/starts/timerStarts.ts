// Timer start events (server/starts/README.md): at each occurrence of the start event's cycle the
// scheduler's pass starts the process, once per court the event names. The schedule is a record
// (`startSchedules`: next occurrence, count), claimed with a lease; each (occurrence, court) is a
// trigger claimed before its case starts. So an occurrence starts its cases exactly once across
// restarts and any number of server processes, and occurrences missed while no process ran are
// started late, each at its own legal instant.
import { nextOccurrence, parseCycle, type HolidayCalendar } from '../calendar';
import type { CasesService } from '../cases/cases.service';
import type { CourtsRepository } from '../courts';
import type { Logger } from '../logger';
import type { TimerStartSpec } from './types';
import type { ProcessStart, StartRegistry } from './registry';
import type { StartsRepository } from './starts.repository';
import { startOnce } from './startOnce';

export interface TimerStartDeps {
  registry: StartRegistry;
  repo: StartsRepository;
  cases: CasesService;
  courts: CourtsRepository;
  calendar: () => Promise<HolidayCalendar>;
  /** The court that issued the package (server/packages/owners.ts). */
  issuerOf: (packageId: string) => Promise<string | undefined>;
  logger: Logger;
}

const LEASE_MS = 120_000;

export class TimerStarts {
  constructor(private readonly deps: TimerStartDeps) {}

  /** One scheduler pass: every occurrence due at `now`; resolves with the number of cases started. */
  async startDue(now: Date, owner: string): Promise<number> {
    const starts = await this.deps.registry.timers();
    if (!starts.length) return 0;
    const calendar = await this.deps.calendar();
    const byId = new Map<string, ProcessStart>();
    for (const s of starts) {
      const id = `${s.process}:${s.spec.eventId}`;
      byId.set(id, s);
      const cycle = (s.spec as TimerStartSpec).cycle;
      // The first occurrence is the first after the deploy: one a slow first pass reaches late still counts.
      const origin = s.deployedAt;
      const first = nextOccurrence(parseCycle(cycle), origin, calendar);
      await this.deps.repo.ensure({ _id: id, process: s.process, eventId: s.spec.eventId, cycle, origin, nextAt: first.at, dueBy: first.dueBy ?? null });
    }
    let started = 0;
    const tried = new Set<string>();
    for (;;) {
      const doc = await this.deps.repo.claimDue(now, owner, LEASE_MS, [...byId.keys()].filter((id) => !tried.has(id)));
      if (!doc) return started;
      tried.add(doc._id);
      try {
        started += await this.occurrences(doc._id, byId.get(doc._id)!, now, owner, calendar);
      } catch (err) {
        this.deps.logger.error({ err, schedule: doc._id }, '定时启动流程失败，下次巡检时重试');
      } finally {
        await this.deps.repo.release(doc._id, owner);
      }
    }
  }

  /** Starts every due occurrence of one claimed schedule, oldest first. */
  private async occurrences(id: string, s: ProcessStart, now: Date, owner: string, calendar: HolidayCalendar): Promise<number> {
    const spec = s.spec as TimerStartSpec;
    const cycle = parseCycle(spec.cycle);
    const issuer = await this.deps.issuerOf(s.packageId);
    if (!issuer) throw new Error(`程序包「${s.packageId}」没有发布法院，无法确定立案法院`);
    let started = 0;
    for (;;) {
      const doc = await this.deps.repo.find(id);
      if (!doc?.nextAt || doc.nextAt > now || doc.claim?.owner !== owner) return started;
      const count = doc.count + 1;
      const occurrence = { at: doc.nextAt.toISOString(), count, ...(doc.dueBy ? { dueBy: doc.dueBy } : {}) };
      for (const court of await this.courtsOf(spec, issuer)) {
        const r = await startOnce(this.deps.repo, this.deps.cases, owner, `timer:${id}@${occurrence.at}#${court}`, {
          process: s.process, supervisingCourt: issuer, supervisedCourt: court, at: doc.nextAt,
          data: { [spec.eventId]: occurrence, ...(spec.name ? { title: spec.name } : {}) },
        });
        if (!r) return started; // another process is starting it: looked at again next pass
        if (r.started) started++;
      }
      const exhausted = cycle.every === 'iso' && cycle.repeat !== undefined && count >= cycle.repeat;
      const next = exhausted ? null : nextOccurrence(cycle, doc.nextAt, calendar, doc.origin);
      if (!(await this.deps.repo.advance(id, owner, { nextAt: next?.at ?? null, dueBy: next?.dueBy ?? null, count }))) return started;
    }
  }

  /** 本院: the issuing court itself; a level: each court of that level under the issuing court. */
  private async courtsOf(spec: TimerStartSpec, issuer: string): Promise<string[]> {
    if (spec.courts === '本院') return [issuer];
    const under = await this.deps.courts.findByCodes(await this.deps.courts.codesUnder(issuer));
    return [...under.values()].filter((c) => c.level === spec.courts && c.code !== issuer).map((c) => c.code).sort();
  }
}
