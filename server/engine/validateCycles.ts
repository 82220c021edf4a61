// Deploy rules of timer cycles (timeCycle bodies, server/engine/cycles.ts).
import type { ModdleElement } from 'bpmn-moddle';
import { parseCycle } from '../calendar/cycle';
import { describe } from './validateLabels';
import type { Problem } from './types';

/**
 * A cycle repeats only on a non-interrupting boundary event (bpmn-elements restarts it after
 * each firing); elsewhere it fires once, at its next occurrence, which is what a modeller
 * means by "wait until the next quarter" on an intermediate catch.
 */
export function cycleRule(ctx: { add(p: Problem): void }, el: ModdleElement, body: string): void {
  try {
    parseCycle(body);
  } catch (err) {
    ctx.add({ element: el.id, code: 'TIMER_CYCLE', message: `${describe(el)} 的周期「${body}」无法识别：${(err as Error).message}` });
    return;
  }
  if (el.$type === 'bpmn:BoundaryEvent' && el.cancelActivity !== false) {
    ctx.add({ element: el.id, code: 'TIMER_CYCLE', message: `${describe(el)} 是中断型边界事件：周期只会触发一次并结束所附任务；周期性督导请设为非中断（cancelActivity="false"）` });
  }
}
