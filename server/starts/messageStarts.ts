// Message start events (server/starts/README.md): a durable message that no running case waits
// for starts each latest process whose start event names it, once (a trigger per message and
// process). The delivery (server/messages) claims the message, asks here, and marks it consumed
// by the first case started.
import type { CasesService } from '../cases/cases.service';
import type { CasesRepository } from '../cases/cases.repository';
import type { CourtsRepository } from '../courts';
import type { Clock } from '../clock';
import { evaluate, fromFeel, type CourtDirectory } from '../engine/feel';
import type { MessageDoc } from '../messages/message.model';
import type { MessageStartSpec } from './types';
import type { StartRegistry } from './registry';
import type { StartsRepository } from './starts.repository';
import { startOnce } from './startOnce';

export interface MessageStartDeps {
  registry: StartRegistry;
  repo: StartsRepository;
  cases: CasesService;
  casesRepo: CasesRepository;
  courts: CourtsRepository;
  clock: Clock;
  issuerOf: (packageId: string) => Promise<string | undefined>;
}

export interface StartedByMessage { caseId: string; caseNo: string; element: string }

export class MessageStarts {
  constructor(private readonly deps: MessageStartDeps) {}

  /** Whether some process starts on this message name. */
  async handles(name: string): Promise<boolean> {
    return (await this.deps.registry.forMessage(name)).length > 0;
  }

  /**
   * Starts (or finds, when started before) one case per process that starts on the message.
   * Throws when the courts cannot be determined: the message stays pending, the log says why.
   */
  async start(msg: MessageDoc, owner: string): Promise<StartedByMessage[]> {
    const out: StartedByMessage[] = [];
    for (const s of await this.deps.registry.forMessage(msg.name)) {
      const spec = s.spec as MessageStartSpec;
      const courts = await this.courtsFor(spec, msg, s.packageId);
      const r = await startOnce(this.deps.repo, this.deps.cases, owner, `message:${msg._id}:${s.process}`, {
        process: s.process, ...courts, at: this.deps.clock.now(),
        data: {
          [spec.eventId]: msg.payload ?? null,
          startMessage: { id: msg._id, name: msg.name, key: msg.key, from: msg.from },
        },
      });
      if (r) out.push({ caseId: r.caseId, caseNo: r.caseNo, element: spec.eventId });
    }
    return out;
  }

  /**
   * The started case's courts: `start.supervisingCourt` / `start.supervisedCourt` (FEEL over
   * `sender` and the payload), by default the sending case's; the supervising court must lie
   * within the issuing court's jurisdiction and supervise the supervised one.
   */
  private async courtsFor(spec: MessageStartSpec, msg: MessageDoc, packageId: string) {
    const sender = msg.from.caseId ? await this.deps.casesRepo.findById(msg.from.caseId) : null;
    const senderCourts = { supervisingCourt: sender?.supervisingCourt ?? null, supervisedCourt: sender?.supervisedCourt ?? null, caseNo: sender?.caseNo ?? msg.from.caseNo ?? null };
    const all = await this.deps.courts.listAll();
    const directory: CourtDirectory = Object.fromEntries(all.map((c) => [c.code, { level: c.level, parent: c.parent ?? null }]));
    const vars = { sender: senderCourts, [spec.eventId]: msg.payload ?? null };
    const pick = (expr: string | undefined, fallback: string | null, what: string): string => {
      const v = expr ? fromFeel(evaluate(expr, vars, { now: this.deps.clock.now(), courts: directory }).value) : fallback;
      if (typeof v !== 'string' || !directory[v]) throw new Error(`消息「${msg.name}」启动流程时${what}不是法院代码（${JSON.stringify(v)}）`);
      return v;
    };
    const supervisingCourt = pick(spec.props.supervisingCourt, senderCourts.supervisingCourt, '督办法院');
    const supervisedCourt = pick(spec.props.supervisedCourt, senderCourts.supervisedCourt, '被督办法院');
    const issuer = await this.deps.issuerOf(packageId);
    const ancestors = (code: string) => all.find((c) => c.code === code)?.ancestors ?? [];
    if (!issuer || (supervisingCourt !== issuer && !ancestors(supervisingCourt).includes(issuer))) {
      throw new Error(`消息「${msg.name}」启动流程的督办法院 ${supervisingCourt} 不在发布程序包的法院（${issuer ?? '未知'}）辖区内`);
    }
    if (supervisedCourt !== supervisingCourt && !ancestors(supervisedCourt).includes(supervisingCourt)) {
      throw new Error(`消息「${msg.name}」启动流程的被督办法院 ${supervisedCourt} 不在督办法院 ${supervisingCourt} 辖区内`);
    }
    return { supervisingCourt, supervisedCourt };
  }
}
