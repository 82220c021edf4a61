// One rule per element kind: what the platform runs, and what it refuses and why.
import type { ModdleElement } from 'bpmn-moddle';
import { baseExpression } from '../calendar/notation';
import { notationOf, parseNotation, placeholders, sampleNotation } from './deadlineText';
import { INSTANCE_NAMES, readLoop } from './loopSpec';
import { readOutputs, readTaskMeta } from './taskMeta';
import { checkExpression } from './feel';
import { LEDGER_FIELDS, REQUIRED_LEDGER_FIELDS, readLedgerSpec } from './ledgerSpec';
import { describe } from './validateLabels';
import { messageRules } from './validateMessages';
import { cycleRule } from './validateCycles';
import { startRules } from './validateStarts';
import { isProcessStart } from './startSpec';
import type { Problem } from './types';

export interface RuleContext {
  knownNames: Set<string>;
  knownForms?: Set<string>;
  processIds: Set<string>;
  /** Message names caught and thrown in the file (a message must cross between cases). */
  messages?: { element: string; role: 'catch' | 'throw'; name: string }[];
  /** Every user task id of the file (an assignment's `exclude` must name them). */
  userTaskIds?: Set<string>;
  /** Incoming sequence flows by target id (moddle fills `incoming` only from <bpmn:incoming>). */
  incoming: Map<string, number>;
  add(p: Problem): void;
}

type El = ModdleElement;
const FORM_KEY = /^[a-z0-9][a-z0-9-]*\/[A-Za-z][A-Za-z0-9_-]*$/;
const VAR_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const IGNORED = new Set([
  'bpmn:DataObject', 'bpmn:DataObjectReference', 'bpmn:DataStoreReference', 'bpmn:TextAnnotation',
  'bpmn:Association', 'bpmn:Group', 'bpmn:Task', 'bpmn:ManualTask', 'bpmn:ExclusiveGateway', 'bpmn:ParallelGateway',
  'bpmn:EventBasedGateway', 'bpmn:EndEvent', 'bpmn:SendTask', 'bpmn:ReceiveTask', 'bpmn:IntermediateThrowEvent', 'bpmn:IntermediateCatchEvent',
  'bpmn:BoundaryEvent', 'bpmn:StartEvent', 'bpmn:SubProcess',
]);
const REFUSED: Record<string, [string, string]> = {
  'bpmn:ScriptTask': ['SCRIPT_TASK', '脚本会在服务器上执行任意 JavaScript（可访问 process），平台不允许；请改用用户任务或网关条件（FEEL）'],
  'bpmn:ComplexGateway': ['COMPLEX_GATEWAY', 'bpmn-engine 不支持复杂网关（Unknown activity type）；请改用排他/并行网关'],
  'bpmn:ServiceTask': ['UNSUPPORTED_TASK', '平台没有注册任何服务，服务任务无法执行；请用用户任务或结束事件（通报）建模'],
  'bpmn:BusinessRuleTask': ['UNSUPPORTED_TASK', '平台不执行业务规则任务；请用网关条件（FEEL）'],
  'bpmn:Transaction': ['UNSUPPORTED_ELEMENT', '平台不支持事务子流程'],
  'bpmn:AdHocSubProcess': ['UNSUPPORTED_ELEMENT', '平台不支持自由子流程'],
};
const EVENT_DEFS: Record<string, string[]> = {
  'bpmn:StartEvent': [],
  'bpmn:EndEvent': ['bpmn:TerminateEventDefinition', 'bpmn:ErrorEventDefinition', 'bpmn:EscalationEventDefinition', 'bpmn:MessageEventDefinition'],
  'bpmn:IntermediateThrowEvent': ['bpmn:LinkEventDefinition', 'bpmn:EscalationEventDefinition', 'bpmn:MessageEventDefinition'],
  'bpmn:IntermediateCatchEvent': ['bpmn:TimerEventDefinition', 'bpmn:LinkEventDefinition', 'bpmn:MessageEventDefinition'],
  'bpmn:BoundaryEvent': ['bpmn:TimerEventDefinition', 'bpmn:ErrorEventDefinition', 'bpmn:EscalationEventDefinition', 'bpmn:MessageEventDefinition'],
};

function feel(ctx: RuleContext, el: El, code: string, what: string, expr: string): void {
  const r = checkExpression(expr, ctx.knownNames);
  for (const i of [...r.errors, ...r.warnings]) {
    ctx.add({ element: el.id, code: i.code === 'FEEL_DOLLAR' ? 'DOLLAR_EXPRESSION' : code, message: `${describe(el)} 的${what}：${i.message}` });
  }
}

const COURT_LEVEL_NAMES = ['最高', '高院', '中院', '基层', '专门'];

/**
 * What FEEL checks cannot see: a court level compared with a word that is no level
 * (courtLevel(x) = "高级法院" is never true), and an assignment's `exclude` naming a task
 * that does not exist (nobody would ever be excluded).
 */
function courtRules(ctx: RuleContext, el: El, what: string, expr: string): void {
  for (const m of expr.matchAll(/courtLevel\s*\([^()]*\)\s*!?=\s*"([^"]*)"/g)) {
    if (!COURT_LEVEL_NAMES.includes(m[1])) {
      ctx.add({ element: el.id, code: 'COURT_LEVEL', message: `${describe(el)} 的${what}把法院层级与「${m[1]}」比较：层级只有 ${COURT_LEVEL_NAMES.join('、')}` });
    }
  }
  const exclude = /exclude\s*:\s*\[([^\]]*)\]/.exec(expr);
  if (!exclude || !ctx.userTaskIds) return;
  for (const m of exclude[1].matchAll(/"([^"]*)"/g)) {
    if (!ctx.userTaskIds.has(m[1])) {
      ctx.add({ element: el.id, code: 'ASSIGNMENT_EXCLUDE', message: `${describe(el)} 的分派规则要求回避「${m[1]}」的办理人，但本流程图没有该用户任务` });
    } else if (m[1] === el.id) {
      ctx.add({ element: el.id, code: 'ASSIGNMENT_EXCLUDE', message: `${describe(el)} 的分派规则要求回避本任务自己的办理人：请写此前作出审查或决定的任务` });
    }
  }
}

function deadline(ctx: RuleContext, el: El, what: string, notation: string): void {
  let spec;
  try {
    spec = parseNotation(sampleNotation(notation));
    for (const expr of placeholders(notation)) feel(ctx, el, 'DEADLINE_PERIOD', `${what}中的期间`, expr);
  } catch (err) {
    ctx.add({ element: el.id, code: 'DEADLINE_SYNTAX', message: `${describe(el)} 的${what}「${notation}」无法识别：${(err as Error).message}` });
    return;
  }
  const base = baseExpression(spec);
  if (base) feel(ctx, el, 'DEADLINE_BASE', `${what}起算基准`, base);
}

function timer(ctx: RuleContext, el: El, def: El): void {
  const bodies = (['timeDuration', 'timeDate', 'timeCycle'] as const)
    .map((t) => [t, ((def[t] as { body?: string } | undefined)?.body ?? '').trim()] as const)
    .filter(([, body]) => body);
  if (bodies.length !== 1) {
    ctx.add({ element: el.id, code: 'TIMER_BODY', message: `${describe(el)} 须有且只有一个期限（timeDuration 或 timeDate），现有 ${bodies.length} 个` });
    return;
  }
  const [type, body] = bodies[0];
  if (type === 'timeCycle') return cycleRule(ctx, el, body);
  deadline(ctx, el, '期限', notationOf(type, body));
}

function events(ctx: RuleContext, el: El): void {
  const allowed = EVENT_DEFS[el.$type] ?? [];
  const defs = (el.eventDefinitions ?? []) as El[];
  const inEventSub = (el.$parent as El | undefined)?.triggeredByEvent === true;
  // A process's own timer / message start: the platform starts the case (server/starts).
  if (isProcessStart(el) && defs.some((d) => ['bpmn:TimerEventDefinition', 'bpmn:MessageEventDefinition'].includes(d.$type))) {
    return startRules(ctx, el);
  }
  for (const def of defs) {
    if (el.$type === 'bpmn:StartEvent' && inEventSub && def.$type === 'bpmn:TimerEventDefinition') {
      ctx.add({ element: el.id, code: 'EVENT_SUBPROCESS_TIMER', message: `${describe(el)}：事件子流程的定时器开始事件在 bpmn-engine 中不能正确恢复运行；请改用边界定时器` });
    } else if (el.$type === 'bpmn:StartEvent' && inEventSub && ['bpmn:ErrorEventDefinition', 'bpmn:EscalationEventDefinition'].includes(def.$type)) {
      continue;
    } else if (!allowed.includes(def.$type)) {
      ctx.add({ element: el.id, code: 'UNSUPPORTED_EVENT', message: `${describe(el)} 的事件类型 ${def.$type.replace('bpmn:', '')} 平台无法驱动（没有外部消息/信号/条件接口）` });
    } else if (def.$type === 'bpmn:TimerEventDefinition') timer(ctx, el, def);
  }
}

function userTask(ctx: RuleContext, el: El): void {
  const meta = readTaskMeta(el as unknown as Record<string, unknown>);
  const label = describe(el);
  if (!meta.formKey) ctx.add({ element: el.id, code: 'FORM_KEY_MISSING', message: `${label} 没有表单（camunda:formKey），承办人无法办理` });
  else if (!FORM_KEY.test(meta.formKey)) ctx.add({ element: el.id, code: 'FORM_KEY_FORMAT', message: `${label} 的表单键「${meta.formKey}」应为「包标识/表单名」，如 hainan/reviewComplaint` });
  else if (ctx.knownForms && !ctx.knownForms.has(meta.formKey)) ctx.add({ element: el.id, code: 'FORM_UNKNOWN', message: `${label} 引用的表单「${meta.formKey}」不存在` });
  if (el.candidateUsers) ctx.add({ element: el.id, code: 'ASSIGNMENT_CANDIDATE_USERS', message: `${label} 使用了 candidateUsers：平台只支持 assignee（FEEL 得到用户名）或 candidateGroups（FEEL 得到 {court, role}）` });
  if (!meta.assignee && !meta.candidateGroups) {
    ctx.add({ element: el.id, code: 'ASSIGNMENT_MISSING', message: `${label} 没有分派规则：请在 candidateGroups 写 {court: supervisedCourt, role: "承办人"}，或在 assignee 写得到用户名的 FEEL` });
  } else if (meta.assignee && meta.candidateGroups) {
    ctx.add({ element: el.id, code: 'ASSIGNMENT_AMBIGUOUS', message: `${label} 同时设置了 assignee 和 candidateGroups，只能有一种分派规则` });
  } else {
    feel(ctx, el, 'ASSIGNMENT_FEEL', '分派规则', (meta.assignee ?? meta.candidateGroups)!);
    courtRules(ctx, el, '分派规则', (meta.assignee ?? meta.candidateGroups)!);
  }
  if (meta.dueDate) deadline(ctx, el, '办理期限（dueDate）', meta.dueDate);
  for (const o of readOutputs(el as unknown as Record<string, unknown>)) {
    if (!VAR_NAME.test(o.name)) ctx.add({ element: el.id, code: 'OUTPUT_NAME', message: `${label} 的输出变量名「${o.name}」须为英文标识符` });
    if (!o.expression) ctx.add({ element: el.id, code: 'OUTPUT_UNSUPPORTED', message: `${label} 的输出「${o.name}」须是一个 FEEL 表达式（脚本、列表、映射不支持）` });
    else {
      feel(ctx, el, 'OUTPUT_FEEL', `输出「${o.name}」`, o.expression);
      courtRules(ctx, el, `输出「${o.name}」`, o.expression);
    }
  }
  // potentialOwner / performer with an expression is the court + role assignment (readPerformer).
  const resources = (el.resources ?? []) as El[];
  // As the XML tag reads: potentialOwner, performer, humanPerformer.
  const tag = (r: El) => r.$type.replace('bpmn:', '').replace(/^./, (c) => c.toLowerCase());
  for (const r of resources) {
    const expr = ((r.resourceAssignmentExpression as El | undefined)?.expression as El | undefined)?.body;
    if (!r.resourceAssignmentExpression) {
      ctx.add({ element: el.id, code: 'POTENTIAL_OWNER_REF', message: `${label} 的 ${tag(r)} 只有 resourceRef 没有分派表达式：会使 bpmn-engine 加载崩溃；请写分派表达式 {court: supervisedCourt, role: "承办人"}，或删除并改用 candidateGroups` });
    } else if (typeof expr !== 'string' || !expr.trim()) {
      ctx.add({ element: el.id, code: 'RESOURCE_UNSUPPORTED', message: `${label} 的 ${tag(r)} 没有分派表达式：请写 FEEL，如 {court: supervisedCourt, role: "承办人"}` });
    }
  }
  const performers = resources.filter((r) => r.resourceAssignmentExpression).length;
  if (performers > 1 || (performers && (el.candidateGroups || el.assignee))) {
    ctx.add({ element: el.id, code: 'ASSIGNMENT_AMBIGUOUS', message: `${label} 有多个分派规则（potentialOwner/performer 与 candidateGroups/assignee）：只能有一种` });
  }
}

function extensionElements(ctx: RuleContext, el: El): void {
  for (const v of ((el.extensionElements as { values?: El[] } | undefined)?.values ?? [])) {
    if (v.$type === 'camunda:ExecutionListener' || v.$type === 'camunda:TaskListener') {
      ctx.add({ element: el.id, code: 'LISTENER_UNSUPPORTED', message: `${describe(el)} 带有 Camunda 监听器：平台不执行监听器或脚本，请删除` });
    }
    if (v.$type === 'camunda:InputOutput' && ((v.inputParameters ?? []) as unknown[]).length) {
      ctx.add({ element: el.id, code: 'INPUT_UNSUPPORTED', message: `${describe(el)} 带有输入参数：平台只支持输出参数（FEEL）` });
    }
  }
}

const LEDGER_ELEMENTS = new Set(['bpmn:UserTask', 'bpmn:EndEvent', 'bpmn:IntermediateThrowEvent']);

/** `ledger.*` extension properties: known fields, FEEL bodies, on an element that completes once. */
function ledgerSpec(ctx: RuleContext, el: El): void {
  const spec = readLedgerSpec(el as unknown as Record<string, unknown>);
  const fields = Object.keys(spec);
  if (!fields.length) return;
  const label = describe(el);
  if (!LEDGER_ELEMENTS.has(el.$type)) {
    ctx.add({ element: el.id, code: 'LEDGER_ELEMENT', message: `${label} 不能记载督办台账：只有用户任务、结束事件和中间抛出事件可以` });
    return;
  }
  for (const f of fields) {
    if (!(f in LEDGER_FIELDS)) ctx.add({ element: el.id, code: 'LEDGER_FIELD', message: `${label} 的台账字段「ledger.${f}」未知；可用：${Object.keys(LEDGER_FIELDS).map((k) => `ledger.${k}`).join('、')}` });
    else if (!spec[f]) ctx.add({ element: el.id, code: 'LEDGER_FIELD', message: `${label} 的台账字段「ledger.${f}」没有值（应为 FEEL，如 "通报批评" 或 notice.kind）` });
    else feel(ctx, el, 'LEDGER_FEEL', `台账字段「ledger.${f}」`, spec[f]);
  }
  for (const f of REQUIRED_LEDGER_FIELDS) {
    if (!(f in spec)) ctx.add({ element: el.id, code: 'LEDGER_FIELD', message: `${label} 记载督办台账但缺少「ledger.${f}」（${LEDGER_FIELDS[f]}）` });
  }
}

/**
 * Multi-instance user tasks (a 合议庭): parallel or sequential, over a FEEL list
 * (`camunda:collection` + `camunda:elementVariable`, the member) or a FEEL count
 * (loopCardinality), with an optional FEEL completion condition. Returns the context the task's
 * own expressions are checked in: the member, loopCounter and the nrOf… counts are known there.
 */
function loop(ctx: RuleContext, el: El): RuleContext {
  const lc = el.loopCharacteristics as El;
  const label = describe(el);
  if (lc.$type !== 'bpmn:MultiInstanceLoopCharacteristics' || el.$type !== 'bpmn:UserTask') {
    ctx.add({ element: el.id, code: 'UNSUPPORTED_LOOP', message: lc.$type !== 'bpmn:MultiInstanceLoopCharacteristics'
      ? `${label} 设置了循环（标准循环）：平台不支持，请用多实例用户任务或循环的顺序流建模`
      : `${label} 设置了多实例：平台只支持多实例的用户任务（如合议庭每名成员一项任务）` });
    return ctx;
  }
  const spec = readLoop(lc as never)!;
  if (!spec.collection === !spec.cardinality) {
    ctx.add({ element: el.id, code: 'LOOP_SOURCE', message: `${label} 的多实例须有且只有一个来源：成员集合（camunda:collection，FEEL 列表，如 formPanel.members）或实例数（loopCardinality，FEEL 数字）` });
  }
  if (!VAR_NAME.test(spec.elementVariable)) {
    ctx.add({ element: el.id, code: 'LOOP_VARIABLE', message: `${label} 的成员变量名「${spec.elementVariable}」须为英文标识符` });
  }
  const inner: RuleContext = { ...ctx, knownNames: new Set([...ctx.knownNames, spec.elementVariable, ...INSTANCE_NAMES]) };
  if (spec.collection) feel(ctx, el, 'LOOP_FEEL', '成员集合（collection）', spec.collection);
  if (spec.cardinality) feel(ctx, el, 'LOOP_FEEL', '实例数（loopCardinality）', spec.cardinality);
  if (spec.completion) feel(inner, el, 'LOOP_FEEL', '完成条件（completionCondition）', spec.completion);
  return inner;
}

export function elementRules(el: El, ctx: RuleContext): void {
  const refused = REFUSED[el.$type];
  if (refused) {
    ctx.add({ element: el.id, code: refused[0], message: `${describe(el)}：${refused[1]}` });
    return;
  }
  if (el.loopCharacteristics) ctx = loop(ctx, el);
  extensionElements(ctx, el);
  ledgerSpec(ctx, el);
  const message = messageRules(el, ctx);
  if (message) ctx.messages?.push({ element: el.id as string, ...message });
  if (el.$type in EVENT_DEFS) events(ctx, el);
  switch (el.$type) {
    case 'bpmn:UserTask':
      return userTask(ctx, el);
    case 'bpmn:InclusiveGateway':
      if ((ctx.incoming.get(el.id as string) ?? 0) > 1) ctx.add({ element: el.id, code: 'INCLUSIVE_JOIN', message: `${describe(el)} 用作汇合（多条入口）：bpmn-engine 的包容网关汇合会放行两次；请用并行网关汇合或重新建模` });
      return;
    case 'bpmn:CallActivity':
      if (!ctx.processIds.has(el.calledElement as string)) ctx.add({ element: el.id, code: 'CALL_ACTIVITY_TARGET', message: `${describe(el)} 调用的流程「${el.calledElement ?? ''}」不在同一文件中（bpmn-engine 只能调用同一 definitions 内的流程）` });
      return;
    case 'bpmn:SequenceFlow': {
      const ce = el.conditionExpression as El | undefined;
      if (!ce) return;
      const language = ce.language ?? ce.$attrs?.language;
      if (language) ctx.add({ element: el.id, code: 'LANGUAGE_ATTRIBUTE', message: `${describe(el)} 的条件指定了 language="${language}"：脚本条件会在服务器上执行任意代码；请去掉 language，直接写 FEEL` });
      else {
        feel(ctx, el, 'CONDITION_FEEL', '条件', (ce.body as string) ?? '');
        courtRules(ctx, el, '条件', (ce.body as string) ?? '');
      }
      return;
    }
    default:
      if (!IGNORED.has(el.$type) && !(el.$type in EVENT_DEFS)) {
        ctx.add({ element: el.id, code: 'UNSUPPORTED_ELEMENT', message: `${describe(el)}：平台不支持此类元素（${el.$type}）` });
      }
  }
}
