// One-click conversions of habits from other Camunda-style tools to the platform's conventions
// (server/engine/README.md). Pure: reads a bpmn-moddle definitions tree, returns the list the
// user reviews (before → after); the modeler applies the chosen ones as bpmn-js commands.
// A conversion that is not exact carries `flag` and no `after`: it is shown, never applied.
/* eslint-disable @typescript-eslint/no-explicit-any */
import { juelToFeel } from './juel';

export type ConversionKind = 'assignment' | 'condition' | 'formKey' | 'executable';

export interface Conversion {
  /** The element (or process) the change is on. */
  element: string;
  elementName: string;
  kind: ConversionKind;
  /** What the file says now, as text. */
  before: string;
  /** What it becomes; absent when the change cannot be made exactly (see flag). */
  after?: string;
  /** Why the user has to do it by hand. */
  flag?: string;
  /** The properties to write (on the element, or on the condition / process for those kinds). */
  props?: Record<string, unknown>;
}

export interface ConversionContext {
  /** The package's forms, `<package>/<name>` keys. */
  forms: string[];
  /** The platform's roles (ROLES). */
  roles: string[];
}

export const KIND_LABEL: Record<ConversionKind, string> = {
  assignment: '分派',
  condition: '流转条件',
  formKey: '表单',
  executable: '可执行',
};

const DEFAULT_ROLE = '承办人';
const courtRole = (role: string) => `{court: supervisedCourt, role: "${role}"}`;
const isExpression = (v: string) => /[$#]\{/.test(v);
/** Already FEEL in the platform's shape (a context, a quoted string, a form field path). */
const isPlatformFeel = (v: string) => /^\s*=?\s*\{/.test(v) || /^\s*"/.test(v);

function allFlowElements(container: any, out: any[] = []): any[] {
  for (const el of container.flowElements ?? []) {
    out.push(el);
    if (el.flowElements) allFlowElements(el, out);
  }
  return out;
}

export function planConversions(definitions: any, ctx: ConversionContext): Conversion[] {
  const processes = (definitions.rootElements ?? []).filter((e: any) => e.$instanceOf('bpmn:Process'));
  const out: Conversion[] = [];
  for (const process of processes) {
    for (const el of allFlowElements(process)) {
      if (el.$instanceOf('bpmn:UserTask')) {
        out.push(...assignment(el, ctx));
        const f = formKey(el, ctx);
        if (f) out.push(f);
      }
      if (el.$instanceOf('bpmn:StartEvent')) {
        const f = formKey(el, ctx);
        if (f) out.push(f);
      }
      if (el.$instanceOf('bpmn:SequenceFlow') && el.conditionExpression) {
        const c = condition(el);
        if (c) out.push(c);
      }
    }
  }
  out.push(...executable(processes, definitions));
  return out;
}

const nameOf = (el: any) => (el.name ? `${el.name}（${el.id}）` : el.id);

function assignment(el: any, ctx: ConversionContext): Conversion[] {
  const assignee: string | undefined = el.get('camunda:assignee');
  const groups: string | undefined = el.get('camunda:candidateGroups');
  const users: string | undefined = el.get('camunda:candidateUsers');
  const source = groups ?? assignee ?? users;
  if (source === undefined) return [];
  if (groups !== undefined && isPlatformFeel(groups) && assignee === undefined && users === undefined) return [];
  if (assignee !== undefined && groups === undefined && isPlatformFeel(assignee)) return [];
  const before = [
    assignee !== undefined ? `assignee="${assignee}"` : '',
    groups !== undefined ? `candidateGroups="${groups}"` : '',
    users !== undefined ? `candidateUsers="${users}"` : '',
  ].filter(Boolean).join(' ');
  const base = { element: el.id, elementName: nameOf(el), kind: 'assignment' as const, before };
  if (isExpression(source)) return [{ ...base, flag: '分派是 ${…} 表达式，请在「分派」中选择法院和角色' }];
  // A group named as one of the platform's roles keeps its role; any other name (an account,
  // a Camunda group) becomes the default role, which the user checks in the list.
  const first = source.split(',')[0].trim();
  const role = ctx.roles.includes(first) ? first : DEFAULT_ROLE;
  const after = `candidateGroups=${courtRole(role)}`;
  const props = { 'camunda:candidateGroups': courtRole(role), 'camunda:assignee': undefined, 'camunda:candidateUsers': undefined };
  return [{ ...base, after, props, ...(role === first ? {} : { flag: `「${first}」不是平台角色，暂定为「${DEFAULT_ROLE}」，请核对` }) }];
}

function formKey(el: any, ctx: ConversionContext): Conversion | undefined {
  const key: string | undefined = el.get('camunda:formKey');
  if (!key || ctx.forms.includes(key)) return undefined;
  const base = { element: el.id, elementName: nameOf(el), kind: 'formKey' as const, before: key };
  // embedded:app:forms/approve-invoice.html, camunda-forms:deployment:approve.form, app:x.html
  const stem = key.replace(/^(embedded:|camunda-forms:)?(app:|deployment:)?/, '').split('/').pop()!.replace(/\.[a-z]+$/i, '');
  const match = ctx.forms.find((f) => f.split('/')[1] === stem);
  if (match) return { ...base, after: match, props: { 'camunda:formKey': match } };
  return { ...base, after: '（未选）', props: { 'camunda:formKey': undefined }, flag: '程序包中没有同名表单：去掉后请在「表单」中选择' };
}

function condition(flow: any): Conversion | undefined {
  const expr = flow.conditionExpression;
  const body: string = (expr.body ?? '').trim();
  const language: string | undefined = expr.language;
  const base = { element: flow.id, elementName: nameOf(flow), kind: 'condition' as const, before: language ? `[${language}] ${body}` : body };
  if (language && !/^(juel|feel)$/i.test(language)) return { ...base, flag: `${language} 脚本条件无法转换，请改写为 FEEL` };
  if (!isExpression(body)) return language ? { ...base, after: body, props: { body, language: undefined } } : undefined;
  const r = juelToFeel(body);
  if ('reason' in r) return { ...base, flag: r.reason };
  return { ...base, after: r.feel, props: { body: r.feel, language: undefined } };
}

/** The platform runs exactly one executable process per diagram: the one with the most user tasks. */
function executable(processes: any[], definitions: any): Conversion[] {
  if (!processes.length) return [];
  const executables = processes.filter((p) => p.isExecutable);
  if (executables.length === 1) return [];
  const tasks = (p: any) => allFlowElements(p).filter((e) => e.$instanceOf('bpmn:UserTask')).length;
  const main = [...processes].sort((a, b) => tasks(b) - tasks(a))[0];
  const participants = (definitions.rootElements ?? []).filter((e: any) => e.$instanceOf('bpmn:Collaboration')).flatMap((c: any) => c.participants ?? []);
  const label = (p: any) => {
    const pool = participants.find((x: any) => x.processRef === p);
    return p.name ?? pool?.name ? `${p.name ?? pool.name}（${p.id}）` : p.id;
  };
  return processes
    .filter((p) => !!p.isExecutable !== (p === main))
    .map((p) => ({
      element: p.id,
      elementName: label(p),
      kind: 'executable' as const,
      before: p.isExecutable ? '可执行' : '不可执行',
      after: p === main ? '可执行（平台办理此流程）' : '不可执行（只作说明）',
      props: { isExecutable: p === main },
    }));
}
