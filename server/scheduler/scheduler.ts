// Durable timers (DESIGN.md 4): nothing is scheduled in-process. A case whose next timer is
// due is claimed with a lease, its earliest due timer fired, the case saved, and the lease
// released. Any number of server processes can run this loop; the lease plus the guarded
// update make each timer fire exactly once.
import { randomUUID } from 'node:crypto';
import type { CaseDoc, HistoryEntry } from '../cases/case.model';
import type { CasesDeps } from '../cases/cases.service';
import { recordRun } from '../cases/runChanges';
import { runOnCase } from '../cases/runOnCase';
import { DefinitionLoadError, ProcessFailure, StateMismatch } from '../engine';
import type { Logger } from '../logger';

export interface SchedulerOptions {
  leaseMs?: number;
  pollMs?: number;
  /**
   * Claims in flight at once in a pass (default 1). Each lane claims the earliest due case not
   * leased by another, so lanes never share a case; within a case timers still fire one
   * instant at a time, in due order. More lanes than engine threads + 1 only queue up.
   */
  lanes?: number;
  /**
   * Told of each fired timer once its write is committed (the documents a timer issues). A
   * failure there is logged: the timer has fired and stays fired.
   */
  afterFired?: (e: { caseDoc: CaseDoc; history: HistoryEntry[]; at: Date }) => Promise<unknown>;
  /** Runs after each pass (the message delivery sweep, server/messages); counted with the timers. */
  afterPass?: () => Promise<number>;
}

export class Scheduler {
  readonly owner = `${process.pid}-${randomUUID().slice(0, 8)}`;
  private timer?: NodeJS.Timeout;
  private running: Promise<number> = Promise.resolve(0);
  /** Timers (and due work) fired by this process's passes since it started. */
  firedSoFar = 0;
  private stopped = false;
  private readonly passJobs: (() => Promise<void>)[] = [];
  private readonly work: ((now: Date, owner: string) => Promise<number>)[] = [];

  constructor(
    private readonly deps: CasesDeps,
    private readonly logger: Logger,
    private readonly opts: SchedulerOptions = {},
  ) {}

  /**
   * Polls in the background. With a manual clock the poll first picks up the time another
   * process may have set, so several processes on one database fire what became due.
   */
  start(pollMs = this.opts.pollMs ?? 5000): void {
    const tick = async () => {
      if (this.stopped) return;
      await this.deps.clock
        .sync()
        .then(() => this.fireDue())
        .catch((err) => this.logger.error({ err }, 'timer firing failed'));
      if (!this.stopped) this.timer = setTimeout(tick, pollMs);
    };
    this.timer = setTimeout(tick, 0);
  }

  /**
   * Work that runs after each pass over the due timers, in the same turn (deadline notices, the
   * daily digest): it sees the same platform time, and the manual clock's advance waits for it.
   * Each job makes itself exactly-once (claims, deterministic ids); a failure is logged.
   */
  onPass(job: () => Promise<void>): void {
    this.passJobs.push(job);
  }

  /**
   * Other durable due work run at the start of every pass, before the cases' timers (the
   * enforcement records' monitoring rules): what it starts has its own timers fired in the same pass.
   */
  addWork(fn: (now: Date, owner: string) => Promise<number>): void {
    this.work.push(fn);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** Fires every timer due at the platform's now, earliest first; resolves with the count. */
  fireDue(): Promise<number> {
    // Passes run one after another in a process: a pass that starts after the clock moved
    // must see the new time, so a caller never shares a pass that began before its call.
    const pass = this.running.then(() => this.drain()).then((n) => {
      this.firedSoFar += n;
      return n;
    });
    this.running = pass.catch(() => 0);
    return pass;
  }

  /**
   * Fires the due timers of one case now (before a handler's completion is applied, so that
   * a task whose deadline has passed is not completed as if it were on time).
   */
  async fireDueOf(caseId: CaseDoc['_id']): Promise<number> {
    const now = this.deps.clock.now();
    const doc = await this.deps.cases.claimDue(now, this.owner, this.opts.leaseMs ?? 60_000, caseId);
    if (!doc) return 0;
    try {
      return await this.fireCase(doc, now);
    } catch (err) {
      await this.deps.cases.release(doc._id, this.owner);
      throw err;
    }
  }

  private async drain(): Promise<number> {
    let done = 0;
    for (const fn of this.work) {
      done += await fn(this.deps.clock.now(), this.owner).catch((err) => {
        this.logger.error({ err }, 'due work failed');
        return 0;
      });
    }
    const lanes = Array.from({ length: Math.max(1, this.opts.lanes ?? 1) }, () => this.lane());
    const fired = (await Promise.all(lanes)).reduce((a, b) => a + b, done);
    for (const job of this.passJobs) await job().catch((err) => this.logger.error({ err }, 'scheduled job failed'));
    if (!this.opts.afterPass) return fired;
    const swept = await this.opts.afterPass().catch((err) => {
      this.logger.error({ err }, 'message sweep failed');
      return 0;
    });
    return fired + swept;
  }

  private async lane(): Promise<number> {
    let fired = 0;
    for (;;) {
      const now = this.deps.clock.now();
      const doc = await this.deps.cases.claimDue(now, this.owner, this.opts.leaseMs ?? 60_000);
      if (!doc) return fired;
      try {
        fired += await this.fireCase(doc, now);
      } catch (err) {
        this.logger.error({ err, caseId: String(doc._id) }, 'timer firing failed; lease released');
        await this.deps.cases.release(doc._id, this.owner);
        // Stop this lane for this pass: a case that keeps failing must not spin the loop.
        return fired;
      }
    }
  }

  private async markFailed(doc: CaseDoc, due: CaseDoc['timers'][number], err: Error, now: Date): Promise<void> {
    this.logger.warn({ err, caseId: String(doc._id), timer: due.id }, 'timer firing failed; case marked failed');
    const failure = { at: now, command: { type: 'fireTimer' as const, timerId: due.id }, element: due.elementId, message: err.message };
    const entry: HistoryEntry = { seq: doc.history.length + 1, at: now, actor: 'system', type: 'stepFailed', element: due.elementId, data: { timerId: due.id, message: err.message } };
    const ok = await this.deps.cases.commit(doc._id, doc.version, { status: 'failed', failure, nextDueAt: null }, [entry], { releaseLeaseOf: this.owner });
    if (!ok) await this.deps.cases.release(doc._id, this.owner);
  }

  /** Fires the case's due timers one instant at a time, saving after each. */
  private async fireCase(claimed: CaseDoc, now: Date): Promise<number> {
    let doc = claimed;
    let fired = 0;
    for (;;) {
      const due = [...doc.timers].filter((t) => t.dueAt <= now).sort((a, b) => +a.dueAt - +b.dueAt)[0];
      if (!due) {
        await this.deps.cases.release(doc._id, this.owner);
        return fired;
      }
      // The engine sees the timer's own instant, so what it records is the legal moment.
      let result;
      try {
        result = await runOnCase(this.deps, doc, { type: 'fireTimer', timerId: due.id }, { now: due.dueAt, actor: 'system' });
      } catch (err) {
        if (!(err instanceof ProcessFailure || err instanceof StateMismatch || err instanceof DefinitionLoadError)) throw err;
        // The process itself cannot go on (not a passing outage): the case stops as 异常 until
        // its administrator retries the step (server/caseAdmin), instead of failing every pass.
        await this.markFailed(doc, due, err, now);
        return fired;
      }
      const record = recordRun(doc, result, due.dueAt, 'system');
      // Which server process fired it: part of the audit trail with several processes.
      for (const h of record.history) {
        if (h.type === 'timerFired') h.data = { ...(h.data as object), firedBy: this.owner };
      }
      // When nothing more of this case is due, the same write releases the lease.
      const last = record.changes.status !== 'running' || !(record.changes.timers ?? []).some((t) => t.dueAt <= now);
      const ok = await this.deps.cases.commit(
        doc._id, doc.version, record.changes, record.history, last ? { releaseLeaseOf: this.owner } : {},
      );
      if (!ok) {
        // A handler changed the case meanwhile (or the lease was lost): reload and look again.
        const fresh = await this.deps.cases.findById(String(doc._id));
        if (!fresh) return fired;
        doc = fresh;
        continue;
      }
      fired++;
      if (this.opts.afterFired) {
        await this.opts.afterFired({ caseDoc: doc, history: record.history, at: due.dueAt })
          .catch((err) => this.logger.error({ err, caseId: String(doc._id) }, 'after a fired timer'));
      }
      if (last) return fired;
      // The saved case is the loaded one plus what this write changed: no need to read it back.
      doc = { ...doc, ...record.changes, history: [...doc.history, ...record.history], version: doc.version + 1 };
    }
  }
}
