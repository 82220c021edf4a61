// The message centre (issue 23): messages derived from the cases' history after each guarded
// case write (and caught up at start from the cases' `notifyPending` flag), from the deadlines
// of open tasks, from the ledger's rule consequences, and a daily digest; each written once per
// event and person under a deterministic id, then handed to the configured outside channels.
import type { Types } from 'mongoose';
import type { HistoryEntry } from '../cases/case.model';
import type { Clock } from '../clock';
import { readableInstant } from '../forms/dates';
import { badRequest, notFound } from '../http/errors';
import type { Actor } from '../http/actor';
import type { LedgerEntry } from '../ledger';
import type { Channel } from './channels';
import { beijingDay, beijingHour, type Draft, type Message, type Recipients } from './kinds';
import type { NotificationsRepository, Person } from './notifications.repository';
import { projectEntry } from './project';

export interface NotifyOptions {
  warnDays: number;
  digestHour: number;
  /** Roles whose holders work tasks and read the digest. */
  workerRoles?: string[];
}

export interface ConsequenceNotice {
  /** Roles told at the issuing court and at the court the consequence is about; the persons named. */
  issuer: string[];
  subject: string[];
  persons: boolean;
}

const DAY_MS = 86_400_000;
/** When a rule names nobody: the 院领导 of the issuing court and of the court concerned, and the persons named. */
const DEFAULT_NOTICE: ConsequenceNotice = { issuer: ['院领导'], subject: ['院领导'], persons: true };
const WORKERS = ['承办人', '审查人员', '审批人', '院领导'];

export class NotificationsService {
  private lastSweep?: number;

  constructor(
    private readonly repo: NotificationsRepository,
    private readonly clock: Clock,
    private readonly channels: Channel[],
    private readonly opts: NotifyOptions,
    private readonly warn: (err: unknown, msg: string) => void = () => undefined,
  ) {}

  // ---- writing ----

  /** Who `to` names, as enabled accounts. */
  private async resolve(to: Recipients): Promise<Person[]> {
    if ('users' in to) return this.repo.people(to.users);
    const found = await this.repo.holders(to.court, to.roles);
    return found.filter((p) => !to.exclude?.includes(p.username));
  }

  /** One message per person under `<key>:<username>`; answers those new, after handing them on. */
  async write(key: string, draft: Draft, people: Person[]): Promise<Message[]> {
    const seen = new Set<string>();
    const list: Message[] = people.filter((p) => !seen.has(p.username) && seen.add(p.username)).map((p) => ({
      _id: `${key}:${p.username}`, user: p.username, ...draft, readAt: null, pendingChannels: this.channels.map((c) => c.name),
    }));
    const inserted = await this.repo.insertMissing(list);
    if (inserted.length && this.channels.length) await this.deliver(inserted, people);
    return inserted;
  }

  /** Observer of the case writes: the history just written, then the flag cleared. */
  async projectCase(caseId: Types.ObjectId | string, history: HistoryEntry[]): Promise<number> {
    const c = await this.repo.caseForMessages(caseId);
    if (!c || !history.length) return 0;
    let n = 0;
    for (const h of history) {
      for (const p of projectEntry(c, h)) n += (await this.write(p.key, p.draft, await this.resolve(p.to))).length;
    }
    await this.repo.clearPending(c._id, Math.max(...history.map((h) => h.seq)));
    return n;
  }

  /** At start: the cases a crash left flagged, and rule consequences whose notices were not all written. */
  async catchUp(): Promise<number> {
    let n = 0;
    for (const id of await this.repo.pendingCaseIds()) {
      const c = await this.repo.caseForMessages(id);
      if (!c) continue;
      const history = await this.repo.historyAfter(c._id, c.notifiedSeq ?? 0);
      if (history.length) n += await this.projectCase(c._id, history);
      else await this.repo.clearPending(c._id, c.notifiedSeq ?? 0);
    }
    const consequences = await this.repo.consequences();
    const done = await this.repo.marked(consequences.map((c) => `ledger:${c._id}`));
    for (const c of consequences.filter((x) => !done.has(`ledger:${x._id}`))) n += await this.consequence(c);
    return n;
  }

  /**
   * A rule's consequence (or its lifting) reaches the people the rule names: the roles at the
   * issuing court and at the court concerned, and the persons it names who have accounts.
   */
  async consequence(entry: LedgerEntry): Promise<number> {
    const notice: ConsequenceNotice = { ...DEFAULT_NOTICE, ...entry.rule?.notify };
    const people: Person[] = [];
    if (notice.issuer.length) people.push(...(await this.repo.holders(entry.issuer, notice.issuer)));
    if (notice.subject.length && entry.court) people.push(...(await this.repo.holders(entry.court, notice.subject)));
    if (notice.persons) for (const p of entry.persons) people.push(...(await this.repo.byName(p.name, p.court)));
    const rule = entry.rule;
    const subject = await this.subjectLabel(rule?.subject, entry);
    const draft: Draft = {
      kind: '台账后果',
      at: entry.at,
      ...(entry.caseId ? { caseId: entry.caseId, caseNo: entry.caseNo } : {}),
      link: '/ledger',
      title: rule?.lifted ? `台账后果撤销：${subject}` : `台账后果：${subject}`,
      body: `${entry.reason ?? ''}${rule?.basis ? `（${rule.basis}）` : ''}`,
    };
    const n = (await this.write(`ledger:${entry._id}`, draft, people)).length;
    await this.repo.mark([`ledger:${entry._id}`], this.clock.now());
    return n;
  }

  /** A consequence's subject as people read it: 法院名, 法院名 执行局, 姓名（法院名）. */
  private async subjectLabel(subject: string | undefined, entry: LedgerEntry): Promise<string> {
    const [kind, court = entry.court ?? '', ...name] = (subject ?? `court:${entry.court ?? ''}`).split(':');
    const names = await this.repo.courtNames([court]);
    const courtName = names.get(court) ?? court;
    if (kind === 'person') return `${name.join(':')}（${courtName}）`;
    return kind === 'bureau' ? `${courtName} 执行局` : courtName;
  }

  /**
   * Deadline warnings and overdue notices for open tasks (every scheduler pass): once per task
   * and due instant (a deadline moved is a new one), to the holders of the task and, when
   * overdue, the 审批人 of its court.
   */
  async sweepDeadlines(): Promise<number> {
    const now = this.clock.now();
    // At most once a platform minute (the poll runs every few seconds); a clock set back sweeps.
    if (this.lastSweep !== undefined && now.getTime() >= this.lastSweep && now.getTime() - this.lastSweep < 60_000) return 0;
    // After a first full pass (this process's first, or after the clock was set back), only what
    // changed since the previous pass is read; a minute of overlap covers a case whose rows were
    // written just after that pass read them. The marks keep every notice single.
    const previous = this.lastSweep;
    const since = previous !== undefined && now.getTime() >= previous ? new Date(previous - 60_000) : undefined;
    this.lastSweep = now.getTime();
    try {
      return await this.sweepRows(now, since);
    } catch (err) {
      this.lastSweep = previous; // the next pass reads this window again
      throw err;
    }
  }

  private async sweepRows(now: Date, since: Date | undefined): Promise<number> {
    const warnMs = this.opts.warnDays * DAY_MS;
    const rows = since ? await this.repo.dueSince(since, now, warnMs) : await this.repo.dueBefore(new Date(now.getTime() + warnMs));
    const keyOf = (r: (typeof rows)[number]) => {
      const dueAt = new Date(r.task.dueAt!);
      return `${dueAt <= now ? 'overdue' : 'warn'}:${String(r.caseId)}:${r.task.id}:${dueAt.getTime()}`;
    };
    const done = await this.repo.marked(rows.map(keyOf));
    let n = 0;
    for (const r of rows) {
      const key = keyOf(r);
      if (done.has(key) || !r.task.dueAt) continue;
      const a = r.task.assignment ?? {};
      const overdue = key.startsWith('overdue:');
      const holders = a.user ? await this.repo.people([a.user]) : a.court && a.role ? await this.resolve({ court: a.court, roles: [a.role], exclude: a.excludedUsers }) : [];
      const leaders = overdue && a.court ? await this.repo.holders(a.court, ['审批人']) : [];
      const name = r.task.name ?? r.task.elementId;
      const when = readableInstant(new Date(r.task.dueAt), true);
      n += (await this.write(key, {
        kind: overdue ? '逾期' : '临期预警',
        at: overdue ? new Date(r.task.dueAt) : now,
        caseId: String(r.caseId), caseNo: r.caseNo, taskId: r.task.id, link: `/tasks/${r.task.id}`,
        title: overdue ? `已逾期：${name}` : `即将到期：${name}`,
        body: overdue ? `${r.caseNo}「${name}」的办理期限 ${when} 已届满，尚未办结。` : `${r.caseNo}「${name}」的办理期限 ${when} 即将届满。`,
      }, [...holders, ...leaders])).length;
      await this.repo.mark([key], now);
    }
    return n;
  }

  /**
   * 每日摘要: once the Beijing day has reached the digest hour, one message per person with
   * work or unread messages. The day's job is claimed in `schedulerJobs` and each message is
   * keyed by person and day, so neither a second process nor a restart sends it twice.
   */
  async digest(owner: string): Promise<number> {
    const now = this.clock.now();
    if (beijingHour(now) < this.opts.digestHour) return 0;
    const day = beijingDay(now);
    const job = `digest:${day}`;
    if (!(await this.repo.claimJob(job, owner, 10 * 60_000))) return 0;
    let n = 0;
    const soon = new Date(now.getTime() + this.opts.warnDays * DAY_MS);
    for (const p of await this.repo.workers(this.opts.workerRoles ?? WORKERS)) {
      const [w, unread] = await Promise.all([this.repo.workload(p, now, soon), this.repo.unreadCount(p.username)]);
      if (!w.open && !unread) continue;
      const parts = [`待办 ${w.open} 件`, ...(w.overdue ? [`已逾期 ${w.overdue} 件`] : []), ...(w.dueSoon ? [`${this.opts.warnDays} 日内到期 ${w.dueSoon} 件`] : []), `未读消息 ${unread} 条`];
      n += (await this.write(`digest:${day}`, {
        kind: '每日摘要', at: now, link: '/inbox',
        title: `每日摘要（${day.slice(0, 4)}年${Number(day.slice(5, 7))}月${Number(day.slice(8))}日）`,
        body: `${p.name}：${parts.join('，')}。`,
      }, [p])).length;
    }
    await this.repo.finishJob(job, owner, now);
    return n;
  }

  /** Hands messages to the outside channels; what fails stays pending for the next pass. */
  async deliver(list?: Message[], known: Person[] = []): Promise<number> {
    const pending = list ?? (await this.repo.pendingDeliveries());
    if (!pending.length || !this.channels.length) return 0;
    const people = new Map(known.map((p) => [p.username, p]));
    const missing = pending.map((m) => m.user).filter((u) => !people.has(u));
    for (const p of await this.repo.people(missing)) people.set(p.username, p);
    let n = 0;
    for (const m of pending) {
      const to = people.get(m.user) ?? { username: m.user, name: m.user, court: '' };
      for (const ch of this.channels.filter((c) => m.pendingChannels.includes(c.name))) {
        try {
          await ch.send(m, { username: to.username, name: to.name, court: to.court });
          await this.repo.delivered(m._id, ch.name);
          n++;
        } catch (err) {
          this.warn(err, `通知通道 ${ch.name} 发送失败，稍后重试`);
        }
      }
    }
    return n;
  }

  /** Everything a scheduler pass does: deadlines, the digest, deliveries left pending. */
  async pass(owner: string): Promise<void> {
    await this.sweepDeadlines();
    await this.digest(owner);
    if (this.channels.length) await this.deliver();
  }

  // ---- reading (the signed-in person's own messages only) ----

  async list(actor: Actor, q: { unread: boolean; page: number; pageSize: number }) {
    const { items, total } = await this.repo.page(actor.username, q.unread, (q.page - 1) * q.pageSize, q.pageSize);
    return {
      items: items.map(({ _id, pendingChannels: _p, user: _u, ...m }) => ({ id: _id, ...m, read: !!m.readAt })),
      total, page: q.page, pageSize: q.pageSize, unread: await this.repo.unreadCount(actor.username),
    };
  }

  unreadCount(actor: Actor): Promise<number> {
    return this.repo.unreadCount(actor.username);
  }

  async markRead(actor: Actor, id: string): Promise<void> {
    if (!(await this.repo.findOwn(actor.username, id))) throw notFound('消息不存在');
    await this.repo.markRead(actor.username, [id], this.clock.now());
  }

  async markAllRead(actor: Actor, body: unknown): Promise<number> {
    const ids = (body as { ids?: unknown })?.ids;
    if (ids !== undefined && (!Array.isArray(ids) || ids.length > 500 || !ids.every((i) => typeof i === 'string' && i.length <= 300))) {
      throw badRequest('ids 应为消息编号的列表（至多 500 个）', [{ field: 'ids', message: '取值不正确' }]);
    }
    return this.repo.markRead(actor.username, (ids as string[] | undefined) ?? null, this.clock.now());
  }
}
