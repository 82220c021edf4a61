// A package binds each document kind to the diagram elements that issue it (manifest
// `documents`), rather than marking the BPMN: the diagrams stay the engine's, and a province
// re-binds a document without touching a process. Checked at import with everything else.
import type { DiagramElement } from '../packages/diagram';
import type { Manifest } from '../packages/manifest.schema';
import type { PackageFiles, PackageProblem } from '../packages/types';
import { checkTemplate } from './template/inspect';
import { allowedNames, formPlaceholders, type FieldPlaceholder } from './template/vocabulary';

export type DocumentKind = NonNullable<Manifest['documents']>[number];

/** A user task issues when it is completed; an event when the case reaches it. */
export const ISSUING_TYPES: Record<string, string> = {
  'bpmn:UserTask': '用户任务',
  'bpmn:IntermediateThrowEvent': '中间事件',
  'bpmn:EndEvent': '结束事件',
};
/** Timer events issue when their time comes (the scheduler fires them): 逾期即发催办函. */
const TIMER_TYPES = new Set(['bpmn:BoundaryEvent', 'bpmn:IntermediateCatchEvent', 'bpmn:StartEvent']);
export const mayIssue = (e: DiagramElement) => !!ISSUING_TYPES[e.type] || (TIMER_TYPES.has(e.type) && e.isTimer);

/** The elements a kind names, and why any of them cannot issue it. */
export function bindingTargets(kind: DocumentKind, elements: DiagramElement[]) {
  const targets: DiagramElement[] = [];
  const problems: string[] = [];
  for (const id of kind.elements) {
    const hits = elements.filter((e) => e.id === id && (!kind.process || e.process === kind.process));
    if (!hits.length) {
      problems.push(`元素「${id}」${kind.process ? `在流程「${kind.process}」中` : '在本包的流程图中'}不存在`);
    } else if (hits.length > 1) {
      problems.push(`元素「${id}」在多个流程中出现（${hits.map((h) => h.process).join('、')}），请以 process 指明`);
    } else if (!mayIssue(hits[0])) {
      problems.push(`元素「${id}」是 ${hits[0].type.replace('bpmn:', '')}：只有用户任务（办结时）、中间/结束事件（到达时）或定时事件（期限届满时）可以签发文书`);
    } else {
      targets.push(hits[0]);
    }
  }
  return { targets, problems };
}

/** The placeholders of a kind: the case's and its tasks' form fields. */
export function placeholdersOf(targets: DiagramElement[], forms: { key: string; schema: Record<string, unknown> }[]): FieldPlaceholder[] {
  const keys = new Set(targets.map((t) => t.formKey).filter((k): k is string => !!k));
  return formPlaceholders(forms.filter((f) => keys.has(f.key)));
}

/** Import check of the manifest's `documents`: elements, placeholders, templates. */
export function checkDocuments(
  manifest: Manifest,
  files: PackageFiles,
  elements: DiagramElement[],
  forms: { key: string; schema: Record<string, unknown> }[],
): PackageProblem[] {
  const out: PackageProblem[] = [];
  const bound = new Map<string, string>();
  (manifest.documents ?? []).forEach((kind, i) => {
    const { targets, problems } = bindingTargets(kind, elements);
    for (const message of problems) {
      out.push({ file: 'manifest.json', field: `documents[${i}].elements`, code: 'DOCUMENT_BINDING', message: `文书「${kind.name}」：${message}` });
    }
    for (const t of targets) {
      const other = bound.get(`${t.process}/${t.id}`);
      if (other) out.push({ file: 'manifest.json', field: `documents[${i}].elements`, element: t.id, code: 'DOCUMENT_BINDING', message: `元素「${t.id}」已签发文书「${other}」：一个元素只签发一种文书` });
      bound.set(`${t.process}/${t.id}`, kind.name);
    }
    const path = `templates/${kind.template}`;
    const data = files.get(path);
    if (!data) return; // reported with the manifest's files
    const allowed = allowedNames(placeholdersOf(targets, forms));
    for (const p of checkTemplate(data, allowed)) {
      out.push({ file: path, code: p.code, message: `文书模板 ${path}（${kind.name}）：${p.message}` });
    }
  });
  return out;
}
