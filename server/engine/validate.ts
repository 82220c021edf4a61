// Deploy-time safety and modelling checks. Every problem names the element, its line, and says
// in Chinese what is wrong and why. Nothing here throws: a diagram that cannot even be loaded
// is a problem like any other.
import { Engine } from 'bpmn-engine';
import { feelExpressions, noScripts } from './expressions';
import { elementOverrides, hasDoctype, loadSource, moddleOptions, parseModdle } from './source';
import { checkModel, type ModelCheckOptions } from './modelCheck';
import { describe } from './validateLabels';
import type { Problem } from './types';

export type ValidateOptions = ModelCheckOptions;

function lineOf(xml: string, id: string | undefined): number | undefined {
  if (!id) return undefined;
  const at = xml.search(new RegExp(`\\sid\\s*=\\s*["']${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["']`));
  return at < 0 ? undefined : xml.slice(0, at).split('\n').length;
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
  for (const p of checkModel(parsed.rootElement, options)) add(p);

  // Only a diagram that passed the rules is handed to the engine: a crash there is reported.
  if (!problems.length) {
    const err = await tryEngineLoad(xml);
    if (err) add({ code: 'LOAD_FAILED', message: `流程引擎无法加载此流程图：${err}` });
  }
  return problems;
}

export { describe as describeElement };
