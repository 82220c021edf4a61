// Who may work an open task, once task actions exist (README.md in this folder). A task goes to
// a court + role (or a named 专人); 认领 or 转办 makes one person its holder, 委派 lends it to a
// colleague until they hand it back. The rules are pure so the task page, the routes and the
// tests read the same answer.
import type { CaseDoc, OpenTask } from '../cases/case.model';
import type { Actor } from '../http/actor';

/** Whoever works the task now: the delegate, the holder, or the named 专人; null = the whole role. */
export function holderOf(t: Pick<OpenTask, 'claimedBy' | 'delegation' | 'assignment'>): string | null {
  return t.delegation?.to ?? t.claimedBy ?? t.assignment?.user ?? null;
}

/** The signatures still outstanding (加签). */
export const unsignedOf = (t: Pick<OpenTask, 'cosigners'>) => (t.cosigners ?? []).filter((c) => !c.signedAt);

/**
 * Why the actor may not work (save, submit, act on) the task now, or null. `matches`: the actor
 * is of the task's court + role (or its 专人), as the guards decide.
 */
export function refusalToWork(t: OpenTask, actor: Actor, matches: boolean, names: (u: string) => string = (u) => u): string | null {
  if (t.delegation) {
    return t.delegation.to === actor.username ? null : `该任务已委派给${names(t.delegation.to)}，待其交回后再办理`;
  }
  if (!matches) return '该任务未分派给您或您的部门';
  const holder = t.claimedBy;
  if (holder && holder !== actor.username) return `该任务已由${names(holder)}认领办理`;
  return null;
}

/** Why the actor may not submit (提交) the task now, or null. */
export function refusalToSubmit(t: OpenTask, actor: Actor, matches: boolean, names: (u: string) => string = (u) => u): string | null {
  const work = refusalToWork(t, actor, matches, names);
  if (work) return work;
  if (t.delegation) return `委派的任务由${names(t.delegation.from)}提交：请先“交回委派人”`;
  if (t.pendingSubmission) return `该任务已提交，正在等待加签人签署：${unsignedOf(t).map((c) => names(c.user)).join('、')}`;
  return null;
}

/** Why no task of the case may be worked now (挂起, a failed step, closed), or undefined. */
export function haltedRefusal(doc: Pick<CaseDoc, 'status' | 'suspension'>): string | undefined {
  if (doc.status === 'suspended') return `案件已于${beijingText(doc.suspension?.at)}挂起（${doc.suspension?.reason ?? ''}），恢复后才能办理`;
  if (doc.status === 'failed') return '案件运行异常，待系统管理员重试失败的步骤后才能办理';
  if (doc.status !== 'running') return '案件已结束，不能再办理';
  return undefined;
}

const beijingText = (at: Date | string | undefined) =>
  at ? new Date(new Date(at).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ') : '';
