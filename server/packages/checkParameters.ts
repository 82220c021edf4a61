// The parameters list names every deadline of the package (docs/PACKAGES.md): each parameter
// points at exactly one element whose notation it repeats word for word, with its basis; and
// no timer or task due date is left without a parameter.
import type { CheckedDiagram } from './checkDiagram';
import { label } from './checkDiagram';
import { parseCitations, resolveCitation } from './citations';
import { lineOf, type DiagramElement } from './diagram';
import type { Articles, Manifest } from './manifest.schema';
import { parameterKindProblem } from './parameterKind';
import type { PackageProblem } from './types';

/** The element a parameter points at (unique across the package, or narrowed by `process`). */
export function locate<D extends { elements: DiagramElement[] }>(diagrams: D[], element: string, process?: string) {
  const out: { diagram: D; element: DiagramElement }[] = [];
  for (const diagram of diagrams) {
    for (const e of diagram.elements) {
      if (e.id === element && (!process || e.process === process)) out.push({ diagram, element: e });
    }
  }
  return out;
}

/** `complete`: every listed diagram could be read, so "not found" is really not found. */
export function checkParameters(m: Manifest, diagrams: CheckedDiagram[], articles: Articles | undefined, complete: boolean): PackageProblem[] {
  const problems: PackageProblem[] = [];
  const covered = new Map<DiagramElement, string>();
  m.parameters.forEach((p, i) => {
    const at = { file: 'manifest.json', field: `parameters[${i}]` };
    const name = `参数「${p.label}」（${p.id}）`;
    const found = locate(diagrams, p.element, p.process);
    if (found.length !== 1) {
      if (found.length > 1) {
        problems.push({ ...at, code: 'PARAMETER_ELEMENT', message: `${name}的元素「${p.element}」在多个流程中出现，请加 "process": "<流程 key>" 指明` });
      } else if (complete) {
        problems.push({ ...at, code: 'PARAMETER_ELEMENT', message: `${name}的元素「${p.element}」${p.process ? `在流程「${p.process}」中` : '在流程图中'}不存在` });
      }
      return;
    }
    const { diagram, element } = found[0];
    const where = { ...at, element: element.id };
    if (!element.deadline) {
      problems.push({ ...where, code: 'PARAMETER_ELEMENT', message: `${name}指向的${label(element)}没有期限：参数只能指向定时器（timeDuration/timeDate）或带 camunda:dueDate 的用户任务` });
    } else if (element.deadline.value !== p.value.trim()) {
      problems.push({ ...where, code: 'PARAMETER_MISMATCH', message: `${name}的值「${p.value}」与 ${diagram.path} 中${label(element)}的期限「${element.deadline.value}」不一致` });
    }
    const kindProblem = parameterKindProblem(p.kind, p.value);
    if (kindProblem) problems.push({ ...where, field: `parameters[${i}].value`, code: 'PARAMETER_KIND', message: `${name}：${kindProblem}` });
    const other = covered.get(element);
    if (other) problems.push({ ...where, code: 'DUPLICATE_PARAMETER', message: `${name}与参数「${other}」指向同一元素 ${element.id}` });
    covered.set(element, p.id);
    const citations = parseCitations(p.basis, articles?.documents ?? []);
    if (!citations.length) {
      problems.push({ ...where, field: `parameters[${i}].basis`, code: 'MISSING_BASIS', message: `${name}的依据「${p.basis}」没有写明条文，如「海南办法 第四条」` });
    } else if (articles) {
      for (const c of citations) {
        if (!resolveCitation(articles, c)) {
          problems.push({ ...where, field: `parameters[${i}].basis`, code: 'UNKNOWN_ARTICLE', message: `${name}的依据「${c.document ?? ''} ${c.no}」在 articles.json 中不存在` });
        }
      }
    }
  });
  for (const diagram of diagrams) {
    for (const e of diagram.elements) {
      if (!e.deadline || covered.has(e)) continue;
      problems.push({
        file: diagram.path, element: e.id, line: lineOf(diagram.xml, e.id), code: 'MISSING_PARAMETER',
        message: `${diagram.path}：${label(e)}的期限「${e.deadline.value}」没有列入 manifest.json 的 parameters（每个期限都须有参数及依据）`,
      });
    }
  }
  return problems;
}
