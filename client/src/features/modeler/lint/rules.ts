// bpmnlint rules mirroring what the platform refuses at deploy and at package import
// (server/engine/README.md "Refused at deploy", docs/PACKAGES.md), in Chinese, so that the
// administrator sees each problem on its element while drawing, before anything is sent.
// The server stays the judge: its answer is shown through the `server` rule.
/* eslint-disable @typescript-eslint/no-explicit-any */
import { resolveCitations, type Articles } from '../articles';

export interface LintContext {
  forms: () => string[];
  articles: () => Articles | null;
  /** Problems the server reported, by element id (shown by the `server` rule). */
  serverProblems: Map<string, string[]>;
}

type Reporter = { report(id: string, message: string): void };
type Rule = { check(node: any, reporter: Reporter): void };

const is = (node: any, type: string) => !!node?.$instanceOf?.(type);
const label = (node: any) => `${node.name ? `「${node.name}」` : ''}`;

const REFUSED_TYPES: [string, string][] = [
  ['bpmn:ScriptTask', '脚本任务会在服务器上执行任意代码，平台不支持'],
  ['bpmn:ServiceTask', '服务任务平台无法执行，请用用户任务'],
  ['bpmn:SendTask', '发送任务平台无法执行，请用用户任务或结束事件'],
  ['bpmn:ReceiveTask', '接收任务平台无法驱动（没有外部消息接口）'],
  ['bpmn:ManualTask', '手工任务平台不支持，请用用户任务'],
  ['bpmn:BusinessRuleTask', '业务规则任务平台不支持，请用排他网关写条件'],
  ['bpmn:ComplexGateway', '复杂网关 bpmn-engine 不支持'],
  ['bpmn:Transaction', '事务子流程平台不支持'],
  ['bpmn:AdHocSubProcess', '临时子流程平台不支持'],
];
const REFUSED_EVENTS: [string, string][] = [
  ['bpmn:MessageEventDefinition', '消息事件'],
  ['bpmn:SignalEventDefinition', '信号事件'],
  ['bpmn:ConditionalEventDefinition', '条件事件'],
  ['bpmn:CompensateEventDefinition', '补偿事件'],
  ['bpmn:CancelEventDefinition', '取消事件'],
];

const unsupported = (): Rule => ({
  check(node, reporter) {
    for (const [type, why] of REFUSED_TYPES) if (is(node, type)) reporter.report(node.id, `${label(node)}${why}`);
    if (node.loopCharacteristics) reporter.report(node.id, `${label(node)}设置了多实例/循环：平台暂不支持，请展开为明确的任务`);
    for (const def of node.eventDefinitions ?? []) {
      const hit = REFUSED_EVENTS.find(([t]) => is(def, t));
      if (hit) reporter.report(node.id, `${hit[1]}平台无法驱动（没有外部消息/信号/条件接口）`);
      if (is(def, 'bpmn:TimerEventDefinition') && is(node, 'bpmn:StartEvent') && node.$parent?.triggeredByEvent) {
        reporter.report(node.id, '事件子流程的定时开始事件不能正确恢复运行；请改用边界定时器');
      }
    }
    if (is(node, 'bpmn:InclusiveGateway') && flowsOf(node).incoming > 1) {
      reporter.report(node.id, '包容网关用作汇合（多条入口）会放行两次；请用并行网关汇合');
    }
  },
});

const hasDollar = (s: unknown) => typeof s === 'string' && /\$\{/.test(s);

const noScripts = (): Rule => ({
  check(node, reporter) {
    if (is(node, 'bpmn:SequenceFlow') && node.conditionExpression) {
      const c = node.conditionExpression;
      if (c.language) reporter.report(node.id, `条件指定了 language="${c.language}"：脚本条件会在服务器上执行任意代码；请直接写 FEEL`);
      if (hasDollar(c.body)) reporter.report(node.id, '条件使用了 ${…}：请直接写 FEEL，如 amount > 100');
    }
    if (!is(node, 'bpmn:FlowNode') && !is(node, 'bpmn:Process')) return;
    for (const attr of ['camunda:assignee', 'camunda:candidateGroups', 'camunda:dueDate']) {
      if (hasDollar(node.get?.(attr))) reporter.report(node.id, `${label(node)}的${attr === 'camunda:dueDate' ? '期限' : '分派规则'}使用了 \${…}：请直接写 FEEL`);
    }
    for (const v of node.extensionElements?.values ?? []) {
      if (is(v, 'camunda:ExecutionListener') || is(v, 'camunda:TaskListener')) {
        reporter.report(node.id, `${label(node)}带有 Camunda 监听器：平台不执行监听器或脚本，请删除`);
      }
      if (is(v, 'camunda:InputOutput')) {
        if ((v.inputParameters ?? []).length) reporter.report(node.id, `${label(node)}带有输入参数：平台只支持输出参数（FEEL）`);
        for (const o of v.outputParameters ?? []) {
          if (o.definition) reporter.report(node.id, `${label(node)}的输出「${o.name ?? ''}」须是一个 FEEL 表达式（脚本、列表、映射不支持）`);
          else if (!o.value) reporter.report(node.id, `${label(node)}的输出「${o.name ?? ''}」没有值：请写 FEEL，如 issueLetter.receivedAt`);
          if (o.name && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(o.name)) reporter.report(node.id, `${label(node)}的输出变量名「${o.name}」须为英文标识符`);
        }
      }
    }
  },
});

const FORM_KEY = /^[a-z0-9][a-z0-9-]{1,63}\/[A-Za-z][A-Za-z0-9_-]*$/;

const userTask = (ctx: LintContext) => (): Rule => ({
  check(node, reporter) {
    if (!is(node, 'bpmn:UserTask')) return;
    const formKey = node.get('camunda:formKey');
    if (!formKey) reporter.report(node.id, `用户任务${label(node)}没有表单：请在「表单」中选择`);
    else if (!FORM_KEY.test(formKey)) reporter.report(node.id, `表单键「${formKey}」应为「包标识/表单名」，如 hainan/reviewComplaint`);
    else if (!ctx.forms().includes(formKey)) reporter.report(node.id, `引用的表单「${formKey}」不在本程序包中`);
    const assignee = node.get('camunda:assignee');
    const groups = node.get('camunda:candidateGroups');
    if (node.get('camunda:candidateUsers')) reporter.report(node.id, '使用了 candidateUsers：平台只支持按法院和角色或分派给一名用户');
    if (!assignee?.trim() && !groups?.trim()) reporter.report(node.id, `用户任务${label(node)}没有分派规则：请在「分派」中选择法院和角色`);
    if (assignee?.trim() && groups?.trim()) reporter.report(node.id, '同时设置了分派给用户和按法院角色分派，只能有一种');
    if (!node.name) reporter.report(node.id, '用户任务没有名称：承办人在待办中看到的就是它');
  },
});

const timers = (): Rule => ({
  check(node, reporter) {
    for (const def of node.eventDefinitions ?? []) {
      if (!is(def, 'bpmn:TimerEventDefinition')) continue;
      if (def.timeCycle) reporter.report(node.id, '周期定时器（timeCycle）平台不支持，请用循环流程 + 单次定时器建模');
      const bodies = [def.timeDuration, def.timeDate].filter((b) => b?.body?.trim());
      if (bodies.length !== 1) reporter.report(node.id, `定时器须有且只有一个期限，现有 ${bodies.length} 个：请在「期限」中填写，如 5日`);
      if (bodies.some((b) => hasDollar(b.body))) reporter.report(node.id, '期限使用了 ${…}：请用期限写法，如 20日 自 letterReceivedAt');
    }
  },
});

const isTimer = (node: any) => (node.eventDefinitions ?? []).some((d: any) => is(d, 'bpmn:TimerEventDefinition'));

const basis = (ctx: LintContext) => (): Rule => ({
  check(node, reporter) {
    const required = is(node, 'bpmn:UserTask') || (is(node, 'bpmn:Event') && isTimer(node));
    if (!required) return;
    const text = (node.documentation ?? []).map((d: any) => d.text ?? '').join('\n');
    if (!text.trim()) {
      reporter.report(node.id, `${is(node, 'bpmn:UserTask') ? '用户任务' : '定时器'}${label(node)}没有写明依据的条文：请在「条文依据」中填写，如 第四条`);
      return;
    }
    const clauses = resolveCitations(text, ctx.articles());
    if (!clauses.length) reporter.report(node.id, `未能从「${text}」识别条号，请写作「第四条」或「海南办法 第四条」`);
    for (const c of clauses) if (c.text === undefined) reporter.report(node.id, `本程序包的条文中没有${c.document.id ? `「${c.document.id}」` : ''}${c.no}`);
  },
});

/** Sequence flows in and out of a node, from the flows themselves (<incoming>/<outgoing> are optional in XML). */
function flowsOf(node: any): { incoming: number; outgoing: number } {
  const siblings: any[] = node.$parent?.flowElements ?? [];
  let incoming = 0;
  let outgoing = 0;
  for (const f of siblings) {
    if (!is(f, 'bpmn:SequenceFlow')) continue;
    if (f.targetRef === node) incoming++;
    if (f.sourceRef === node) outgoing++;
  }
  return { incoming, outgoing };
}

const structure = (): Rule => ({
  check(node, reporter) {
    if (is(node, 'bpmn:Definitions')) {
      const processes = (node.rootElements ?? []).filter((r: any) => is(r, 'bpmn:Process'));
      const executable = processes.filter((p: any) => p.isExecutable);
      if (processes.length && !executable.length) reporter.report(processes[0].id, '没有可执行的流程：请在「基本信息」中勾选「可执行」（被调用的流程不勾选）');
      for (const extra of executable.slice(1)) reporter.report(extra.id, '一个文件只能有一个可执行流程；被调用活动调用的流程请取消「可执行」');
    }
    if (is(node, 'bpmn:Process') || (is(node, 'bpmn:SubProcess') && !node.triggeredByEvent)) {
      const children = node.flowElements ?? [];
      const what = is(node, 'bpmn:Process') ? '流程' : '子流程';
      if (!children.some((c: any) => is(c, 'bpmn:StartEvent'))) reporter.report(node.id, `${what}没有开始事件`);
      if (!children.some((c: any) => is(c, 'bpmn:EndEvent'))) reporter.report(node.id, `${what}没有结束事件`);
    }
    if (is(node, 'bpmn:FlowNode') && !node.$parent?.triggeredByEvent) {
      const { incoming, outgoing } = flowsOf(node);
      if (is(node, 'bpmn:BoundaryEvent')) {
        if (!outgoing) reporter.report(node.id, '边界事件没有连出的顺序流');
      } else {
        if (!is(node, 'bpmn:StartEvent') && !incoming) reporter.report(node.id, `${label(node)}没有连入的顺序流`);
        if (!is(node, 'bpmn:EndEvent') && !outgoing) reporter.report(node.id, `${label(node)}没有连出的顺序流`);
      }
    }
  },
});

const server = (ctx: LintContext) => (): Rule => ({
  check(node, reporter) {
    if (!node.id) return;
    for (const message of ctx.serverProblems.get(node.id) ?? []) reporter.report(node.id, `服务器：${message}`);
  },
});

export function ruleFactories(ctx: LintContext): Record<string, () => Rule> {
  return {
    unsupported,
    'no-scripts': noScripts,
    'user-task': userTask(ctx),
    timers,
    basis: basis(ctx),
    structure,
    server: server(ctx),
  };
}
