// The modeler's lint, in Chinese, so that the administrator sees each problem on its element
// while drawing, before anything is sent:
//  - `platform`: the deploy rules themselves, imported from the server (server/engine/
//    modelCheck.ts, one source run in both places);
//  - `basis`: the package's citations (the server checks them at package import);
//  - `structure`, `task-name`: authoring advice (a node nothing reaches, a task without a name);
//  - `server`: the server's own answer (XML parse warnings, the engine's load) on its elements.
/* eslint-disable @typescript-eslint/no-explicit-any */
import { checkModel } from '../../../../../server/engine/modelCheck';
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

/**
 * The platform's deploy rules, the very code the server runs (server/engine/modelCheck.ts):
 * run once over the whole diagram, each problem shown on its element (or on the process when
 * it names none). Everything the server's deploy refuses in a parsed diagram is found here.
 */
const platform = (ctx: LintContext) => (): Rule => ({
  check(node, reporter) {
    if (!is(node, 'bpmn:Definitions')) return;
    const fallback = (node.rootElements ?? []).find((r: any) => is(r, 'bpmn:Process'))?.id ?? node.id;
    for (const p of checkModel(node, { knownForms: ctx.forms() })) reporter.report(p.element ?? fallback, p.message);
  },
});

// Authoring advice beyond what deploy refuses: a user task's name is what the handler sees.
const taskName = (): Rule => ({
  check(node, reporter) {
    if (is(node, 'bpmn:UserTask') && !node.name) reporter.report(node.id, '用户任务没有名称：承办人在待办中看到的就是它');
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
    // A non-executable pool (another court, drawn for context) may be a black box.
    if ((is(node, 'bpmn:Process') && node.isExecutable) || (is(node, 'bpmn:SubProcess') && !node.triggeredByEvent)) {
      const children = node.flowElements ?? [];
      const what = is(node, 'bpmn:Process') ? '流程' : '子流程';
      if (!children.some((c: any) => is(c, 'bpmn:StartEvent'))) reporter.report(node.id, `${what}没有开始事件`);
      if (!children.some((c: any) => is(c, 'bpmn:EndEvent'))) reporter.report(node.id, `${what}没有结束事件`);
    }
    // An event sub-process is started by its event, not by a flow: neither it nor its start
    // event is connected, and that is how BPMN draws it.
    const eventStarted = node.triggeredByEvent || (is(node, 'bpmn:StartEvent') && node.$parent?.triggeredByEvent);
    if (is(node, 'bpmn:FlowNode') && !eventStarted) {
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
    platform: platform(ctx),
    'task-name': taskName,
    basis: basis(ctx),
    structure,
    server: server(ctx),
  };
}
