// Call activities to another process of the same package (issue 17, server/calls/README.md).
// The parent's engine asks for a child (`childRequested {callId, process, input}`) and waits on
// `call:<process>` keyed by the call's id. Here:
//  - the child case is started once per call (a trigger `call:<parentId>:<callId>`, as timer
//    starts do: server/starts/startOnce.ts), under the parent's courts, linked by
//    `variables.parentCase`;
//  - when the child ends its outcome is published as a durable message (`_id` `call:<childId>`,
//    so publishing twice inserts once) and delivered to the waiting call by server/messages —
//    exactly once, never lost on a restart;
//  - a child that cannot start, ends at an error end event or fails is a failed outcome: the
//    parent's error boundary on the call takes it.
// Case writes are observed (in the same request); each scheduler pass sweeps what a crash left.
import type { CaseDoc, HistoryEntry } from '../cases/case.model';
import type { CasesService } from '../cases/cases.service';
import type { CasesRepository } from '../cases/cases.repository';
import type { Clock } from '../clock';
import type { DefinitionsRepository } from '../definitions/definitions.repository';
import { callMessageName } from '../engine/callSpec';
import { AppError } from '../http/errors';
import type { Logger } from '../logger';
import type { MessageDelivery, MessageDoc } from '../messages';
import type { MessagesRepository } from '../messages/messages.repository';
import { startOnce } from '../starts/startOnce';
import type { StartsRepository } from '../starts/starts.repository';

export interface CallsDeps {
  cases: CasesService;
  casesRepo: CasesRepository;
  definitions: DefinitionsRepository;
  starts: StartsRepository;
  messages: MessagesRepository;
  delivery: MessageDelivery;
  clock: Clock;
  logger: Logger;
  owner: string;
}

export interface ParentLink { caseId: string; caseNo: string; callId: string; element: string; process: string }

const CALL_PREFIX = 'call:';

export class CallsService {
  constructor(private readonly deps: CallsDeps) {}

  /** Told of every case write: starts the children it asked for, reports a child's end. */
  async afterCaseWrite(caseId: CaseDoc['_id'], history: HistoryEntry[]): Promise<void> {
    const asked = history.some((h) => h.type === 'childRequested');
    const ended = history.some((h) => h.type === 'ended' || h.type === 'caseFailed');
    if (!asked && !ended) return;
    const doc = await this.deps.casesRepo.findById(String(caseId));
    if (!doc) return;
    if (asked) await this.serveParent(doc);
    if (ended) await this.reportEnd(doc);
  }

  /** Each call the case waits on: its child started (once), and its outcome delivered if it has ended. */
  async serveParent(parent: CaseDoc): Promise<void> {
    if (parent.status !== 'running') return;
    for (const w of (parent.messageWaits ?? []).filter((x) => x.name.startsWith(CALL_PREFIX))) {
      const child = await this.startChild(parent, w.key, w.name.slice(CALL_PREFIX.length), w.elementId);
      if (child && child.status !== 'running') await this.reportEnd(child);
    }
  }

  private async startChild(parent: CaseDoc, callId: string, process: string, element: string): Promise<CaseDoc | null> {
    const asked = [...parent.history].reverse().find((h) => h.type === 'childRequested' && (h.data as { callId?: string })?.callId === callId);
    const input = ((asked?.data as { input?: Record<string, unknown> } | undefined)?.input) ?? {};
    const link: ParentLink = { caseId: String(parent._id), caseNo: parent.caseNo, callId, element, process: parent.definition.key };
    const fail = (message: string) => this.publish({ _id: `call:${parent._id}:${callId}:refused`, process, link, payload: { caseId: '', caseNo: '', outcome: 'failed', error: { code: 'CALL_FAILED', name: '未能立案', message } } });
    const [mine, target] = await Promise.all([
      this.deps.definitions.get(parent.definition.key, parent.definition.version),
      this.deps.definitions.latest(process),
    ]);
    if (!target || target.packageId !== mine?.packageId) {
      await fail(`被调用的流程「${process}」${target ? '不属于同一程序包' : '尚未部署'}`);
      return null;
    }
    const supervisedCourt = typeof input.supervisedCourt === 'string' ? input.supervisedCourt : parent.supervisedCourt;
    try {
      const r = await startOnce(this.deps.starts, this.deps.cases, this.deps.owner, `call:${parent._id}:${callId}`, {
        process, supervisingCourt: parent.supervisingCourt, supervisedCourt,
        data: { ...input, supervisedCourt, parentCase: link },
      });
      return r ? this.deps.casesRepo.findById(r.caseId) : null;
    } catch (err) {
      // The child's diagram refused to start (4xx): the call has failed. Anything else is retried.
      if (err instanceof AppError && err.status < 500) {
        await fail(`被调用的流程「${process}」无法立案：${err.message}`);
        return null;
      }
      throw err;
    }
  }

  /** A child that ended: its outcome goes to the parent's waiting call. */
  async reportEnd(child: CaseDoc): Promise<void> {
    const link = child.variables?.parentCase as ParentLink | undefined;
    if (!link?.callId || child.status === 'running') return;
    const errorEnd = [...child.history].reverse().find((h) => h.type === 'eventReached' && (h.data as { error?: unknown })?.error);
    const failed = child.status === 'failed' || !!errorEnd;
    const base = { caseId: String(child._id), caseNo: child.caseNo };
    const payload = failed
      ? { ...base, outcome: 'failed', error: { ...((errorEnd?.data as { error?: object })?.error ?? { code: 'CALL_FAILED' }), message: `下级流程案件 ${child.caseNo} 以「${(errorEnd?.data as { name?: string })?.name ?? '失败'}」结束` } }
      : { ...base, outcome: 'completed', variables: child.variables };
    await this.publish({ _id: `call:${child._id}`, process: child.definition.key, link, payload, fromCase: child });
  }

  private async publish(m: { _id: string; process: string; link: ParentLink; payload: unknown; fromCase?: CaseDoc }): Promise<void> {
    await this.deps.messages.insertOnce({
      _id: m._id, name: callMessageName(m.process), key: m.link.callId, payload: m.payload, sentAt: this.deps.clock.now(), expiresAt: null,
      from: { caseId: m.fromCase ? String(m.fromCase._id) : '', caseNo: m.fromCase?.caseNo, element: m.fromCase ? 'end' : 'start' },
    });
    const msg = await this.deps.messages.findById(m._id);
    if (msg?.status === 'pending') await this.deps.delivery.deliver(msg as MessageDoc);
  }

  /** Each scheduler pass: calls whose child a crash kept from starting, or whose outcome is not delivered. */
  async sweep(): Promise<number> {
    let n = 0;
    for (const parent of await this.deps.casesRepo.waitingOnCalls(200)) {
      await this.serveParent(parent).then(() => n++, (err) => this.deps.logger.error({ err, caseId: String(parent._id) }, '调用活动：下级流程立案或结果送达失败，下次巡检重试'));
    }
    return n;
  }

  /** The children of a case (and its parent), for the case page. */
  async links(doc: CaseDoc) {
    const children = await this.deps.casesRepo.childrenOf(String(doc._id));
    return {
      parent: (doc.variables?.parentCase as ParentLink | undefined) ?? null,
      children: children.map((c) => ({
        id: String(c._id), caseNo: c.caseNo, process: c.definition.key, status: c.status,
        element: (c.variables?.parentCase as ParentLink).element, createdAt: c.createdAt, closedAt: c.closedAt ?? null,
      })),
    };
  }
}
