// 人工催办 (issue 23; 海南办法 第十二条、暂行规定 第二十三条): the supervising court presses the
// supervised court on a case's open tasks. The 催办 is one history entry of the case, naming the
// people it reaches — the task's holders and their court's leaders (审批人、院领导) — and, where
// the package records 催办 in the ledger, a `ledgerEntry` per court in the same guarded write.
// The messages follow from the history (server/notifications), so none is lost or doubled.
import { Types } from 'mongoose';
import type { CaseDoc, HistoryEntry, OpenTask } from '../cases/case.model';
import type { CasesRepository } from '../cases/cases.repository';
import type { Clock } from '../clock';
import type { Actor } from '../http/actor';
import { badRequest, conflict, forbidden, notFound } from '../http/errors';
import type { UrgingRepository } from './urging.repository';

/** The court's leaders, told of every 催办 beside the task's holders (server/auth/roles.ts). */
export const LEADER_ROLES = ['审批人', '院领导'];
/** Who may 催办 for the supervising court. */
export const URGER_ROLES = ['承办人', '审批人', '院领导'];

export interface UrgeDeps {
  cases: CasesRepository;
  repo: UrgingRepository;
  clock: Clock;
  canSeeCase: (actor: Actor, c: CaseDoc) => Promise<boolean>;
  courtName: (code: string) => Promise<string | undefined>;
}

function parse(body: unknown): { reason: string; taskId?: string } {
  const b = (body ?? {}) as Record<string, unknown>;
  const reason = typeof b.reason === 'string' ? b.reason.trim() : '';
  if (!reason) throw badRequest('请填写催办事由', [{ field: 'reason', message: '催办事由不能为空' }]);
  if (reason.length > 500) throw badRequest('催办事由不能超过500字', [{ field: 'reason', message: '不能超过500字' }]);
  if (b.taskId !== undefined && (typeof b.taskId !== 'string' || !b.taskId || b.taskId.length > 200)) {
    throw badRequest('任务编号不正确', [{ field: 'taskId', message: '取值不正确' }]);
  }
  return { reason, ...(typeof b.taskId === 'string' ? { taskId: b.taskId } : {}) };
}

export class UrgingService {
  constructor(private readonly deps: UrgeDeps) {}

  private async courtOf(t: OpenTask): Promise<string | undefined> {
    return t.assignment?.court ?? (t.assignment?.user ? await this.deps.repo.courtOfUser(t.assignment.user) : undefined);
  }

  async urge(actor: Actor, caseId: string, body: unknown) {
    const input = parse(body);
    if (!Types.ObjectId.isValid(caseId)) throw notFound('案件不存在');
    for (let attempt = 0; attempt < 3; attempt++) {
      const doc = await this.deps.cases.findById(caseId);
      if (!doc || !(await this.deps.canSeeCase(actor, doc))) throw notFound('案件不存在');
      if (actor.court !== doc.supervisingCourt) throw forbidden('只有本案的督办法院可以催办');
      if (doc.status !== 'running') throw conflict('案件已办结，不能催办');
      const open = input.taskId ? doc.openTasks.filter((t) => t.id === input.taskId) : doc.openTasks;
      if (input.taskId && !open.length) throw notFound('该任务不存在或已办结');
      const targets: { task: OpenTask; court: string }[] = [];
      for (const task of open) {
        const court = await this.courtOf(task);
        if (court && court !== doc.supervisingCourt) targets.push({ task, court });
      }
      if (!targets.length) {
        throw conflict(input.taskId ? '该任务由本院办理，无需催办' : '本案当前没有被督办法院在办的任务，无需催办');
      }
      const recipients = new Set<string>();
      for (const { task, court } of targets) {
        const a = task.assignment ?? {};
        const holders = a.user ? [a.user] : a.role ? (await this.deps.repo.holders(court, [a.role])).map((h) => h.username).filter((u) => !a.excludedUsers?.includes(u)) : [];
        for (const u of holders) recipients.add(u);
        for (const l of await this.deps.repo.holders(court, LEADER_ROLES)) recipients.add(l.username);
      }
      const now = this.deps.clock.now();
      const byName = `${actor.name ?? actor.username}（${(await this.deps.courtName(actor.court)) ?? actor.court}）`;
      let seq = doc.history.length;
      const entry = (e: Omit<HistoryEntry, 'seq' | 'at' | 'actor'>): HistoryEntry => ({ seq: ++seq, at: now, actor: actor.username, ...e });
      const history = [entry({
        type: 'urged',
        data: {
          reason: input.reason, byName,
          tasks: targets.map(({ task, court }) => ({ taskId: task.id, element: task.elementId, name: task.name, court })),
          recipients: [...recipients],
        },
      })];
      const recorded = await this.deps.repo.recordsUrges(doc.definition);
      if (recorded) {
        for (const court of new Set(targets.map((t) => t.court))) {
          const first = targets.find((t) => t.court === court)!.task;
          history.push(entry({
            type: 'ledgerEntry', element: first.elementId,
            data: { kind: '催办', court, issuer: doc.supervisingCourt, reason: input.reason, name: '人工催办', basis: '海南办法 第十二条' },
          }));
        }
      }
      if (await this.deps.cases.commit(doc._id, doc.version, {}, history)) {
        return { caseId, seq: history[0].seq, tasks: targets.map(({ task, court }) => ({ taskId: task.id, name: task.name, court })), recipients: [...recipients], ledger: recorded };
      }
    }
    throw conflict('案件刚被他人更新，请稍后重试');
  }
}
