// One history entry (全程留痕) as a Chinese sentence.
import type { HistoryEntry, People } from '../api/cases';
import { formatDue } from '../i18n/format';
import { historyLabel } from '../i18n/labels';
import { courtName } from '../api/courts';

export function historyText(h: HistoryEntry, names: Map<string, string>, people?: People): string {
  const d = (h.data ?? {}) as Record<string, unknown>;
  const name = (id: unknown) => (typeof id === 'string' ? `「${names.get(id) ?? (d.name as string) ?? id}」` : '');
  const el = name(h.element);
  switch (h.type) {
    case 'caseStarted':
      return '立案督办';
    case 'started':
      return '流程开始';
    case 'taskOpened':
      return `开启${el}${d.dueAt ? `，办理期限至 ${formatDue(d.dueAt as string)}` : ''}`;
    case 'taskCompleted':
      return `办结${el}`;
    case 'taskCancelled':
      return `${el}被撤销（期限届满或流程转向）`;
    case 'timerArmed':
      return `${el}开始计算，届满于 ${formatDue(d.dueAt as string)}`;
    case 'timerFired':
      // A cycle's occurrence (每日点名, 季度通报) says which one it was.
      return (d.occurrence as { count?: number } | undefined)?.count
        ? `${el}第 ${(d.occurrence as { count: number }).count} 次到期`
        : `${el}期限届满`;
    // Messages between cases (server/messages): name and correlation key (e.g. the 执行案号).
    case 'messageWaiting':
      return `${el}等待消息「${d.name as string}」（${d.key as string}）`;
    case 'messageSent':
      return `${el}发出消息「${d.name as string}」（${d.key as string}）${d.expiresAt ? `，有效期至 ${formatDue(d.expiresAt as string)}` : ''}`;
    case 'messageReceived': {
      const from = (d.from as { caseNo?: string } | undefined)?.caseNo;
      return `${el}收到消息「${d.name as string}」${from ? `（来自 ${from}）` : ''}`;
    }
    case 'timerCancelled':
      return `${el}期限解除`;
    case 'timerRescheduled':
    case 'taskDueChanged':
      return `${el}期限重算：${formatDue(d.from as string)} → ${formatDue(d.to as string)}${d.rule ? `（${d.rule}）` : ''}`;
    case 'gatewayTaken':
      return `${el}判断，流向${name(d.target)}`;
    case 'eventReached':
      return `到达${el}${d.basis ? `（${d.basis}）` : ''}`;
    case 'ended':
      return '流程结束';
    // Task actions (server/tasks): who and why.
    case 'taskClaimed':
      return `认领${el}`;
    case 'taskReleased':
      return `释放${el}${why(d)}`;
    case 'taskTransferred':
      return `将${el}转办给${actorName(d.to as string, people)}${why(d)}`;
    case 'taskDelegated':
      return `将${el}委派给${actorName(d.to as string, people)}${why(d)}`;
    case 'delegationReturned':
      return `办理后将${el}交回${actorName(d.to as string, people)}${why(d)}`;
    case 'cosignerAdded':
      return `${el}加签：须${actorName(d.user as string, people)}签署${why(d)}`;
    case 'cosigned':
      return `会签${el}${d.opinion ? `：${d.opinion as string}` : ''}`;
    case 'submittedAwaitingCosign':
      return `提交${el}，待加签人签署后继续`;
    case 'taskSaved':
      return `暂存${el}`;
    case 'taskReturned':
      return `将${el}退回至${name(d.to)}${why(d)}`;
    case 'assigneeChanged':
      return `${el}的办理人变更为${actorName(d.to as string, people)}${why(d)}`;
    case 'tokenMoved':
      return `管理员将流程由${el}调整至${name(d.to)}${why(d)}`;
    case 'caseClosedByAdmin':
      return `管理员${d.kind === '撤销' ? '撤销案件' : '结案'}${why(d)}`;
    case 'caseSuspended':
      return `管理员挂起案件${why(d)}`;
    case 'caseResumed':
      return `管理员恢复案件${why(d)}；挂起 ${String(d.days ?? 0)} 日（${String(d.from ?? '')} 至 ${String(d.to ?? '')}）计入中止期间，期限相应顺延`;
    case 'stepFailed':
      return `${el}运行失败：${String(d.message ?? '')}`;
    case 'retryFailed':
      return `管理员重试失败的步骤，仍然失败${why(d)}`;
    case 'stepRetried':
      return `管理员重试${el}${why(d)}${((d.variables as { name: string }[] | undefined) ?? []).length ? `，补录数据 ${(d.variables as { name: string }[]).map((v) => v.name).join('、')}` : ''}`;
    case 'taskWithdrawn':
      return `撤回已提交的步骤，重新办理${why(d)}`;
    case 'ledgerEntry': {
      const court = (d.court as string | undefined) ?? '';
      return `记入督办台账：${String(d.kind ?? '')}${d.name ? `（${d.name}）` : ''}${court ? `，${courtName(court)}` : ''}`;
    }
    case 'urged': {
      const tasks = ((d.tasks as { name?: string }[] | undefined) ?? []).map((t) => `「${t.name ?? ''}」`).join('');
      const n = ((d.recipients as string[] | undefined) ?? []).length;
      return `催办${tasks}：${String(d.reason ?? '')}（已通知 ${n} 人）`;
    }
    case 'supervisedCourtChanged': {
      const court = (code: unknown) => `「${(d.names as Record<string, string> | undefined)?.[code as string] ?? code}」`;
      const all = ((d.toCourts as string[] | undefined) ?? []).map(court).join('、');
      return `${el ? `${el}：` : ''}被督办法院由${court(d.from)}变更为${court(d.to)}${all ? `（督办范围：${all}）` : ''}`;
    }
    default:
      return `${historyLabel(h.type)}${el}`;
  }
}

const why = (d: Record<string, unknown>) => (typeof d.reason === 'string' && d.reason ? `，理由：${d.reason}` : '');

/** 姓名（法院） of an account, from the people the server named with the case. */
export const actorName = (actor: string, people?: People) => (actor === 'system' ? '系统' : (people?.[actor]?.label ?? actor));
