// Deadlines derived from another one (R7 预警, R8 逾期), 分时督办 windows (R10), direct dates.
import type { ComputeInput, DeadlineResult, WindowKind } from './types';
import { addDays, beijingDate, beijingInstant, beijingMinutes, formatBeijing, pad2 } from './dates';
import { type Ctx, type Draft, DeadlineComputeError, isWorkingDay, toWorkingDay, touch } from './period';

/**
 * R7: the warning day is the nominal last day (before the R3 roll, after R9 exclusions)
 * minus N; a rest day moves BACK to the previous working day so the warning comes in time.
 * It fires at the start of that day.
 */
export function computeWarning(days: number, of: DeadlineResult, ctx: Ctx): Draft {
  const nominal = of.nominalLastDay ?? of.lastDay;
  if (!nominal) throw new DeadlineComputeError('按小时计算的期限不能设置「届满前N日预警」');
  const target = addDays(nominal, -days);
  const day = toWorkingDay(ctx, target, -1);
  touch(ctx, day, nominal);
  const moved = day !== target ? `，${target} 为休息日，提前至 ${day}` : '';
  return {
    due: beijingInstant(day),
    lastDay: day,
    nominalLastDay: target,
    d0: of.d0,
    rule: `届满前${days}日预警：期间末日 ${nominal}（顺延前）前${days}日为 ${target}${moved}`,
    basis: of.basis,
    exclusions: of.exclusions,
    of,
  };
}

/**
 * R8: 逾期N天 fires at the start of E + N + 1, E being the final last day (after the roll):
 * the N overdue days are whole calendar days after E has ended at 24:00 (民法典 203条).
 * An hour-based deadline has no last day: N × 24 hours after it.
 */
export function computeOverdue(days: number, of: DeadlineResult, ctx: Ctx): Draft {
  const common = { d0: of.d0, basis: `民法典第二百零三条；${of.basis ?? ''}`.replace(/；$/, ''), exclusions: of.exclusions, of };
  if (!of.lastDay) {
    const due = new Date(of.due.getTime() + days * 24 * 3600_000);
    touch(ctx, beijingDate(of.due), beijingDate(due));
    return { ...common, due, rule: `逾期${days}天：期限 ${formatBeijing(of.due)} 届满后满${days}日，于 ${formatBeijing(due)} 触发` };
  }
  const fire = addDays(of.lastDay, days + 1);
  touch(ctx, of.lastDay, fire);
  return {
    ...common,
    due: beijingInstant(fire),
    lastDay: addDays(fire, -1),
    rule: `逾期${days}天：期间末日 ${of.lastDay} 之后满${days}日，于 ${fire} 零时触发（不顺延）`,
  };
}

/** 海南暂行规定 第十八条: 中院 supervise 基层 08:00-10:00, 高院 supervise 中院 10:00-11:00. */
export const WINDOWS: Record<WindowKind, { start: number; end: number; text: string }> = {
  中院: { start: 8, end: 10, text: '中院督办基层法院' },
  高院: { start: 10, end: 11, text: '高院督办中院' },
};

/** R10: the base instant if it is inside a window on a working day, else the next window. */
export function computeWindow(kind: WindowKind, input: ComputeInput, ctx: Ctx): Draft {
  const w = WINDOWS[kind];
  const d0 = beijingDate(input.base);
  const minutes = beijingMinutes(input.base);
  const hours = `${pad2(w.start)}:00–${pad2(w.end)}:00`;
  const head = `分时督办（${kind}，工作日 ${hours} ${w.text}，海南暂行规定第十八条）`;
  const basis = '海南省高级人民法院关于执行案件督办工作的暂行规定（试行）第十八条';
  if (isWorkingDay(ctx, d0) && minutes >= w.start * 60 && minutes < w.end * 60) {
    return { due: input.base, lastDay: d0, d0, rule: `${head}：当前即在时段内`, basis, exclusions: [] };
  }
  const from = isWorkingDay(ctx, d0) && minutes < w.start * 60 ? d0 : addDays(d0, 1);
  const day = toWorkingDay(ctx, from, 1);
  touch(ctx, d0, day);
  const due = beijingInstant(day, w.start);
  return { due, lastDay: day, d0, rule: `${head}：下一时段 ${formatBeijing(due)}`, basis, exclusions: [] };
}

/**
 * A date the engine resolved from a FEEL expression. With dateOnly the value names the last
 * day, which ends at 24:00 (民法典 203条); otherwise it is the due instant itself.
 */
export function computeDate(input: ComputeInput, ctx: Ctx): Draft {
  const due = input.dateOnly ? beijingInstant(addDays(beijingDate(input.base), 1)) : input.base;
  const lastDay = beijingDate(new Date(due.getTime() - 1));
  touch(ctx, lastDay);
  const rule = input.dateOnly
    ? `指定日期：末日 ${lastDay}，至 24 时届满`
    : `指定时刻：${formatBeijing(due)}`;
  return {
    due,
    lastDay,
    nominalLastDay: lastDay,
    rule,
    basis: input.dateOnly ? '民法典第二百零三条' : '流程表达式指定',
    exclusions: [],
  };
}
