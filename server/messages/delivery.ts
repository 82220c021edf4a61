// Exactly-once delivery of durable messages between cases (server/messages/README.md).
//  1. A sending case's write records the message in its own `outbox` (one guarded update with
//     the step that sent it): nothing is lost if the process dies right after.
//  2. publish: the outbox entry is inserted into `messages` under its fixed id (a second insert
//     is a no-op), then dropped from the outbox.
//  3. deliver: the message is claimed (a real-time lease naming the case and wait), the case runs
//     `deliverMessage` and saves in its guarded update (history `messageReceived {messageId}`),
//     then the message is marked consumed. A claim that ran out is first checked against the
//     case it named: if that case's history has the delivery, the message is only marked.
// A message that arrives before any case waits for it stays pending (until consumed or
// expired); a case that starts waiting looks for it at once. The sweep (each scheduler pass)
// repeats 2 and 3 for whatever a crash or a failed attempt left behind.
import { randomUUID } from 'node:crypto';
import type { CaseDoc, CaseMessageWait, HistoryEntry } from '../cases/case.model';
import type { CasesDeps } from '../cases/cases.service';
import { recordRun } from '../cases/runChanges';
import { runOnCase } from '../cases/runOnCase';
import type { Logger } from '../logger';
import type { MessageDoc } from './message.model';
import type { MessagesRepository } from './messages.repository';

/** Message start events (server/starts): what starts a case from a message nobody waits for. */
export interface MessageStarter {
  handles(name: string): Promise<boolean>;
  start(msg: MessageDoc, owner: string): Promise<{ caseId: string; caseNo: string; element: string }[]>;
}

export interface DeliveryOptions {
  /** How long a deliverer may hold a message (real time); default 60 s. */
  leaseMs?: number;
  /** Messages and cases looked at per sweep. */
  batch?: number;
}

export class MessageDelivery {
  readonly owner = `${process.pid}-${randomUUID().slice(0, 8)}`;
  /** Set by the platform once the start events are assembled. */
  starter?: MessageStarter;

  constructor(
    private readonly deps: CasesDeps,
    private readonly repo: MessagesRepository,
    private readonly logger: Logger,
    private readonly opts: DeliveryOptions = {},
  ) {}

  /** Told of every case write: publishes what it sent and serves what it now waits for. */
  async afterCaseWrite(caseId: CaseDoc['_id'], history: HistoryEntry[]): Promise<void> {
    if (history.some((h) => h.type === 'messageSent')) await this.publish(caseId);
    if (history.some((h) => h.type === 'messageWaiting')) await this.serveCase(caseId);
  }

  /** Moves a case's outbox into the messages collection, then delivers each message. */
  async publish(caseId: CaseDoc['_id']): Promise<number> {
    const doc = await this.deps.cases.findById(String(caseId));
    const outbox = doc?.outbox ?? [];
    if (!doc || !outbox.length) return 0;
    for (const m of outbox) {
      await this.repo.insertOnce({
        _id: m.id, name: m.name, key: m.key, payload: m.payload, sentAt: m.sentAt, expiresAt: m.expiresAt ?? null,
        from: { caseId: String(doc._id), caseNo: doc.caseNo, element: m.element },
      });
    }
    await this.deps.cases.pullOutbox(doc._id, outbox.map((m) => m.id));
    let delivered = 0;
    for (const m of outbox) {
      const msg = await this.repo.findById(m.id);
      if (msg?.status === 'pending' && (await this.deliver(msg))) delivered++;
    }
    return delivered;
  }

  /** Serves each wait of a case with the oldest pending message for it, if there is one. */
  async serveCase(caseId: CaseDoc['_id']): Promise<number> {
    const doc = await this.deps.cases.findById(String(caseId));
    let delivered = 0;
    for (const w of doc?.status === 'running' ? doc.messageWaits ?? [] : []) {
      const msg = await this.repo.oldestFor(w.name, w.key, this.deps.clock.now());
      if (msg && (await this.deliver(msg))) delivered++;
    }
    return delivered;
  }

  /**
   * Delivers one message to the longest-waiting catch for it; false when none waits (it stays
   * pending) or another deliverer holds it.
   */
  async deliver(msg: MessageDoc): Promise<boolean> {
    const candidates = await this.deps.cases.waitingFor(msg.name, msg.key);
    for (const candidate of candidates) {
      const wait = candidate.messageWaits!.find((w) => w.name === msg.name && w.key === msg.key)!;
      const before = await this.repo.claim(msg._id, { owner: this.owner, caseId: String(candidate._id), waitId: wait.id }, this.opts.leaseMs ?? 60_000, this.deps.clock.now());
      if (!before) return false;
      if (before.claim && (await this.recovered(before))) return false;
      let ok = false;
      try {
        ok = await this.deliverTo(candidate, wait, msg);
      } catch (err) {
        // The case refused it (e.g. an output parameter failed): it stays pending for the next
        // sweep, and the failure is in the log; the case is unchanged (nothing was saved).
        await this.repo.release(msg._id, this.owner);
        this.logger.error({ err, messageId: msg._id, caseId: String(candidate._id) }, '消息投递失败，保留待投');
        return false;
      }
      if (ok) {
        await this.repo.markConsumed(msg._id, {
          caseId: String(candidate._id), caseNo: candidate.caseNo, waitId: wait.id, element: wait.elementId, at: this.deps.clock.now(),
        });
        return true;
      }
      await this.repo.release(msg._id, this.owner);
    }
    return this.startCase(msg);
  }

  /**
   * No running case waits for it: a process whose message start event names it starts a case
   * (server/starts). The message is claimed first; the start is idempotent per message, so a
   * claim that ran out is simply tried again.
   */
  private async startCase(msg: MessageDoc): Promise<boolean> {
    if (!this.starter || !(await this.starter.handles(msg.name))) return false;
    const before = await this.repo.claim(msg._id, { owner: this.owner, caseId: '', waitId: 'start' }, this.opts.leaseMs ?? 60_000, this.deps.clock.now());
    if (!before) return false;
    try {
      const started = await this.starter.start(msg, this.owner);
      if (!started.length) {
        await this.repo.release(msg._id, this.owner);
        return false;
      }
      await this.repo.markConsumed(msg._id, { caseId: started[0].caseId, caseNo: started[0].caseNo, waitId: 'start', element: started[0].element, at: this.deps.clock.now() });
      return true;
    } catch (err) {
      await this.repo.release(msg._id, this.owner);
      this.logger.error({ err, messageId: msg._id }, '消息开始事件未能立案，保留待投');
      return false;
    }
  }

  /** A claim that ran out: if its case got the message, only the marking was missing. */
  private async recovered(before: MessageDoc): Promise<boolean> {
    const c = before.claim!;
    if (c.waitId === 'start') return false; // a start by message: startCase retries it idempotently
    const doc = await this.deps.cases.findById(c.caseId);
    if (!doc || !(await this.deps.cases.hasReceived(doc._id, before._id))) return false;
    const element = doc.history.find((h) => h.type === 'messageReceived' && (h.data as { messageId?: string })?.messageId === before._id)?.element ?? '';
    await this.repo.markConsumed(before._id, { caseId: c.caseId, caseNo: doc.caseNo, waitId: c.waitId, element, at: this.deps.clock.now() });
    return true;
  }

  /** Runs deliverMessage on the case and saves it; false when the wait is no longer there. */
  private async deliverTo(start: CaseDoc, wait: CaseMessageWait, msg: MessageDoc): Promise<boolean> {
    let doc: CaseDoc | null = start;
    for (let attempt = 0; attempt < 5 && doc; attempt++) {
      if (doc.status !== 'running' || !(doc.messageWaits ?? []).some((w) => w.id === wait.id)) return false;
      const now = this.deps.clock.now();
      const result = await runOnCase(this.deps, doc, {
        type: 'deliverMessage', waitId: wait.id,
        message: { id: msg._id, name: msg.name, key: msg.key, payload: msg.payload, from: msg.from },
      }, { now, actor: 'system' });
      const record = recordRun(doc, result, now, 'system');
      if (await this.deps.cases.commit(doc._id, doc.version, record.changes, record.history)) return true;
      // Another command changed the case meanwhile: look again.
      doc = await this.deps.cases.findById(String(doc._id));
    }
    return false;
  }

  /** What a crash or a failed attempt left behind: expire, publish, deliver. Counts deliveries. */
  async sweep(): Promise<number> {
    const now = this.deps.clock.now();
    const batch = this.opts.batch ?? 200;
    await this.repo.expire(now);
    let delivered = 0;
    for (const c of await this.deps.cases.withOutbox(batch)) delivered += await this.publish(c._id);
    for (const msg of await this.repo.pending(now, batch)) if (await this.deliver(msg)) delivered++;
    return delivered;
  }
}
