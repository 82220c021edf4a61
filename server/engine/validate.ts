// Deploy-time safety and modelling checks. Every problem names the element, its line, and says
// in Chinese what is wrong and why. Nothing here throws: a diagram that cannot even be loaded
// is a problem like any other.
import type { ModdleElement } from 'bpmn-moddle';
import { Engine } from 'bpmn-engine';
import { COURT_FUNCTIONS, SHARED_CASE_NAMES } from './feel';
import { feelExpressions, noScripts } from './expressions';
import { elementOverrides, hasDoctype, loadSource, moddleOptions, parseModdle } from './source';
import { elementRules, type RuleContext } from './validateRules';
import { describe } from './validateLabels';
import { messageFileRules, messageNames } from './validateMessages';
import type { Problem } from './types';

export interface ValidateOptions {
  /** Form keys that exist (`<package>/<form>`); absent: form keys are checked for shape only. */
  knownForms?: Iterable<string>;
  /** Case variable names beyond the shared ones, task namespaces and output parameters. */
  knownNames?: Iterable<string>;
}

function lineOf(xml: string, id: string | undefined): number | undefined {
  if (!id) return undefined;
  const at = xml.search(new RegExp(`\\sid\\s*=\\s*["']${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["']`));
  return at < 0 ? undefined : xml.slice(0, at).split('\n').length;
}

function children(el: ModdleElement): ModdleElement[] {
  return ((el.flowElements ?? []) as ModdleElement[]).concat((el.artifacts ?? []) as ModdleElement[]);
}

function walk(el: ModdleElement, visit: (el: ModdleElement) => void): void {
  for (const child of children(el)) {
    visit(child);
    walk(child, visit);
  }
}

/** Known names: shared case data, each user task's form namespace, every output parameter. */
function collectNames(processes: ModdleElement[], extra: Iterable<string> | undefined): Set<string> {
  const names = new Set<string>([...SHARED_CASE_NAMES, ...COURT_FUNCTIONS, ...(extra ?? [])]);
  for (const p of processes) {
    walk(p, (el) => {
      if (el.$type === 'bpmn:UserTask' && el.id) names.add(el.id);
      for (const n of messageNames(el)) names.add(n);
      // A cycle's occurrence {at, dueBy, count} lands under the timer's id (cycles.ts).
      for (const d of (el.eventDefinitions ?? []) as ModdleElement[]) {
        if (d.$type === 'bpmn:TimerEventDefinition' && d.timeCycle && el.id) names.add(el.id as string);
      }
      const values = ((el.extensionElements as { values?: ModdleElement[] } | undefined)?.values ?? []);
      for (const v of values) {
        for (const o of (v.outputParameters ?? []) as { name?: string }[]) if (o.name) names.add(o.name);
      }
    });
  }
  return names;
}

async function tryEngineLoad(xml: string): Promise<string | undefined> {
  try {
    await loadSource(xml);
    // The engine's own serializer is what crashes on some foreign constructs: load it too.
    const engine = new Engine({
      source: xml, moddleOptions, elements: elementOverrides, expressions: feelExpressions, scripts: noScripts,
    } as never) as unknown as { getDefinitions(): Promise<unknown[]> };
    await engine.getDefinitions();
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

/** Never throws: an unexpected failure is itself reported as a problem. */
/**
 * Attributes a diagram may carry in all (the shipped 海南 main diagram has about 3,000): the XML
 * reader slows down steeply with thousands of attributes on one element (security probe PK-07b:
 * 150,000 attributes held an import for minutes), so such a diagram is refused before parsing.
 */
export const MAX_ATTRIBUTES = 30_000;
export function tooManyAttributes(xml: string): boolean {
  let n = 0;
  for (const _ of xml.matchAll(/\s[A-Za-z_][\w:.-]*\s*=\s*["']/g)) if (++n > MAX_ATTRIBUTES) return true;
  return false;
}

export async function validateDefinition(xml: string, options: ValidateOptions = {}): Promise<Problem[]> {
  if (tooManyAttributes(xml)) return [{ code: 'TOO_LARGE', message: `流程图属性超过 ${MAX_ATTRIBUTES} 个，未解析` }];
  try {
    return await check(xml, options);
  } catch (err) {
    return [{ code: 'VALIDATION_FAILED', message: `流程图检查未能完成：${(err as Error)?.message ?? String(err)}` }];
  }
}

async function check(xml: string, options: ValidateOptions): Promise<Problem[]> {
  if (typeof xml !== 'string' || !xml.trim()) {
    return [{ code: 'XML_EMPTY', message: '流程图为空' }];
  }
  if (hasDoctype(xml)) {
    return [{
      code: 'XML_DOCTYPE',
      message: '流程图含有 DOCTYPE 或 ENTITY 声明：可能引用外部实体（XXE），出于安全原因拒绝，解析前即已终止',
      line: lineOf(xml, undefined) ?? xml.slice(0, xml.search(/<!DOCTYPE|<!ENTITY/i)).split('\n').length,
    }];
  }
  let parsed: Awaited<ReturnType<typeof parseModdle>>;
  try {
    parsed = await parseModdle(xml);
  } catch (err) {
    const m = /line:\s*(\d+)/i.exec((err as Error).message);
    return [{ code: 'XML_PARSE', message: `流程图不是有效的 BPMN XML：${(err as Error).message}`, line: m ? +m[1] : undefined }];
  }
  const problems: Problem[] = [];
  const add = (p: Problem) => problems.push({ ...p, line: p.line ?? lineOf(xml, p.element) });

  for (const w of parsed.warnings) {
    // An un-typed <conditionExpression language=…> is reported by its own rule.
    if (/unknown attribute <language>/.test(w.message)) continue;
    let holder = w.element;
    while (holder && !holder.id) holder = holder.$parent;
    const id = holder?.id;
    add({ element: id, code: 'XML_WARNING', message: `流程图结构有误${id ? `（${id}）` : ''}：${w.message}` });
  }
  const root = parsed.rootElement;
  const rootElements = (root.rootElements ?? []) as ModdleElement[];
  const processes = rootElements.filter((e) => e.$type === 'bpmn:Process');
  const executable = processes.filter((p) => p.isExecutable);
  if (executable.length !== 1) {
    add({
      element: executable[1]?.id ?? processes[0]?.id,
      code: 'PROCESS_COUNT',
      message: `流程图须恰好有一个可执行流程（isExecutable="true"），现有 ${executable.length} 个`,
    });
  }

  const incoming = new Map<string, number>();
  for (const p of processes) {
    walk(p, (el) => {
      const target = (el.targetRef as ModdleElement | undefined)?.id;
      if (el.$type === 'bpmn:SequenceFlow' && target) incoming.set(target, (incoming.get(target) ?? 0) + 1);
    });
  }
  const userTaskIds = new Set<string>();
  for (const p of processes) walk(p, (el) => { if (el.$type === 'bpmn:UserTask' && el.id) userTaskIds.add(el.id as string); });
  const ctx: RuleContext = {
    incoming,
    userTaskIds,
    knownNames: collectNames(processes, options.knownNames),
    knownForms: options.knownForms ? new Set(options.knownForms) : undefined,
    processIds: new Set(processes.map((p) => p.id as string)),
    messages: [],
    add,
  };
  for (const p of processes) walk(p, (el) => elementRules(el, ctx));
  messageFileRules(ctx.messages!, add);

  // Only a diagram that passed the rules is handed to the engine: a crash there is reported.
  if (!problems.length) {
    const err = await tryEngineLoad(xml);
    if (err) add({ code: 'LOAD_FAILED', message: `流程引擎无法加载此流程图：${err}` });
  }
  return problems;
}

export { describe as describeElement };
