// Deploy rules of timer and message start events (startSpec.ts for the conventions).
import type { ModdleElement } from 'bpmn-moddle';
import { checkExpression, COURT_FUNCTIONS } from './feel';
import { START_FIELDS, START_LEVELS, isProcessStart, startSpecOf } from './startSpec';
import { cycleRule } from './validateCycles';
import { describe } from './validateLabels';
import type { Problem } from './types';

type El = ModdleElement;
interface Ctx { add(p: Problem): void }

/** One process-level start event with a timer or message definition. */
export function startRules(ctx: Ctx, el: El): void {
  const spec = startSpecOf(el);
  if (!spec) return;
  const label = describe(el);
  const defs = (el.eventDefinitions ?? []) as El[];
  if (defs.length !== 1) {
    ctx.add({ element: el.id, code: 'START_EVENT', message: `${label} 有 ${defs.length} 个事件定义：开始事件只能是定时或消息其中一种` });
  }
  for (const f of Object.keys(spec.props)) {
    if (!(START_FIELDS as readonly string[]).includes(f)) {
      ctx.add({ element: el.id, code: 'START_FIELD', message: `${label} 的扩展属性「start.${f}」未知；可用：${START_FIELDS.map((x) => `start.${x}`).join('、')}` });
    }
  }
  if (spec.kind === 'timer') {
    const timer = defs.find((d) => d.$type === 'bpmn:TimerEventDefinition')!;
    if (!spec.cycle || timer.timeDuration || timer.timeDate) {
      ctx.add({ element: el.id, code: 'START_TIMER', message: `${label} 是定时开始事件，须写周期（timeCycle，如「每个工作日 9:00」「每月」或 R/2027-01-01T09:00:00+08:00/P1D），不能写期限或日期` });
    } else cycleRule(ctx, el, spec.cycle);
    if (spec.courts !== '本院' && !(START_LEVELS as readonly string[]).includes(spec.courts)) {
      ctx.add({ element: el.id, code: 'START_COURTS', message: `${label} 的「start.courts」为「${spec.courts}」：应为「本院」或法院层级 ${START_LEVELS.join('、')}（每个该层级的下辖法院各立一案）` });
    }
    for (const f of ['supervisingCourt', 'supervisedCourt']) {
      if (spec.props[f]) ctx.add({ element: el.id, code: 'START_FIELD', message: `${label} 是定时开始事件：「start.${f}」只用于消息开始事件；定时开始的法院用 start.courts` });
    }
    return;
  }
  if (!spec.message) {
    ctx.add({ element: el.id, code: 'MESSAGE_NAME', message: `${label} 没有引用带名称的消息（bpmn:message 的 name）：按名称收到的消息才会立案` });
  }
  if (spec.props.courts) ctx.add({ element: el.id, code: 'START_FIELD', message: `${label} 是消息开始事件：「start.courts」只用于定时开始事件；请用 start.supervisingCourt / start.supervisedCourt` });
  const names = new Set<string>(['sender', el.id as string, ...COURT_FUNCTIONS]);
  for (const f of ['supervisingCourt', 'supervisedCourt'] as const) {
    const expr = spec.props[f];
    if (!expr) continue;
    const r = checkExpression(expr, names);
    for (const i of [...r.errors, ...r.warnings]) ctx.add({ element: el.id, code: 'START_FEEL', message: `${label} 的「start.${f}」：${i.message}` });
  }
}

/**
 * A process started by a timer or a message has that one start event: bpmn-elements starts every
 * start event of a process at once, so a second one would run the case twice over.
 */
export function processStartRules(ctx: Ctx, process: El): void {
  const starts = ((process.flowElements ?? []) as El[]).filter(isProcessStart);
  const special = starts.filter((s) => startSpecOf(s));
  if (special.length && starts.length > 1) {
    ctx.add({ element: special[0].id, code: 'START_COUNT', message: `${describe(special[0])}：由定时器或消息启动的流程只能有这一个开始事件，现有 ${starts.length} 个（其余请删除，或另建一个流程）` });
  }
}
