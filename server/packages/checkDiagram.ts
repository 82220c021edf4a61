// One diagram of a package: the engine's deploy checks (the same ones POST /api/definitions
// runs), its process key, and the legal basis of every element that enforces a clause.
import { describeDefinition, MAX_ATTRIBUTES, tooManyAttributes, validateDefinition } from '../engine';
import { parseCitations, resolveCitation } from './citations';
import { decodeDiagram } from './diagramEncoding';
import { lineOf, readDiagram, type DiagramElement } from './diagram';
import type { Articles } from './manifest.schema';
import type { PackageProblem } from './types';

export interface DiagramContext {
  packageId?: string;
  expectedKey?: string;
  /** Form keys of this package; undefined when the manifest could not say. */
  forms?: Set<string>;
  /** Process keys of this package (a call activity must name one); undefined when unknown. */
  processes?: string[];
  articles?: Articles;
  /** A form key the diagram uses that the platform already has (another package's form). */
  formExists(key: string): Promise<boolean>;
  /** The package that deployed this process key before, if any. */
  processOwner(key: string): Promise<string | undefined>;
}

export interface CheckedDiagram {
  path: string;
  xml: string;
  key?: string;
  elements: DiagramElement[];
}

const BASIS_REQUIRED = (e: DiagramElement) => e.type === 'bpmn:UserTask' || e.isTimer;
const BASIS_EXPECTED = /Gateway$|SubProcess$|CallActivity$/;

export function label(e: DiagramElement): string {
  const kind = e.type === 'bpmn:UserTask' ? '用户任务' : e.isTimer ? '定时事件' : /Gateway$/.test(e.type) ? '网关'
    : e.type === 'bpmn:CallActivity' ? '调用活动' : /SubProcess$/.test(e.type) ? '子流程' : '元素';
  return `${kind}${e.name ? `「${e.name}」` : ''}（${e.id}）`;
}

export async function checkDiagram(path: string, data: Buffer, ctx: DiagramContext) {
  const problems: PackageProblem[] = [];
  const warnings: PackageProblem[] = [];
  const decoded = decodeDiagram(path, data);
  if ('problem' in decoded) return { problems: [{ file: path, code: 'ENCODING', message: decoded.problem }], warnings };
  const { xml } = decoded;
  // Before any parser sees it: an external entity must never be resolved (XXE).
  const dtd = xml.search(/<!DOCTYPE|<!ENTITY/i);
  if (dtd >= 0) {
    const line = xml.slice(0, dtd).split('\n').length;
    return { problems: [{ file: path, line, code: 'XML_DOCTYPE', message: `${path} 第 ${line} 行含有 DOCTYPE 或 ENTITY 声明：可能引用外部实体，出于安全原因拒绝，未解析` }], warnings };
  }
  if (tooManyAttributes(xml)) {
    return { problems: [{ file: path, code: 'TOO_LARGE', message: `${path} 的属性超过 ${MAX_ATTRIBUTES} 个，未解析` }], warnings };
  }
  const elements = await readDiagram(xml).catch(() => [] as DiagramElement[]);
  const knownForms = ctx.forms && new Set(ctx.forms);
  for (const e of elements) {
    if (knownForms && e.formKey && !knownForms.has(e.formKey) && (await ctx.formExists(e.formKey))) knownForms.add(e.formKey);
  }
  for (const p of await validateDefinition(xml, { ...(knownForms ? { knownForms } : {}), ...(ctx.processes ? { knownProcesses: ctx.processes } : {}) })) {
    problems.push({ file: path, ...(p.element ? { element: p.element } : {}), ...(p.line ? { line: p.line } : {}), code: p.code, message: `${path}：${p.message}` });
  }

  let key: string | undefined;
  try {
    key = describeDefinition(xml).key;
  } catch { /* reported by validateDefinition */ }
  if (key && ctx.expectedKey && key !== ctx.expectedKey) {
    problems.push({ file: path, element: key, line: lineOf(xml, key), code: 'KEY_MISMATCH', message: `${path} 的可执行流程 id 为「${key}」，与清单中的流程 key「${ctx.expectedKey}」不一致` });
  }
  const owner = key ? await ctx.processOwner(key) : undefined;
  if (key && owner && owner !== ctx.packageId) {
    problems.push({ file: path, element: key, line: lineOf(xml, key), code: 'PROCESS_OWNED', message: `流程 key「${key}」已由程序包「${owner}」部署，不能被另一程序包覆盖：请换一个流程 id` });
  }

  for (const e of elements) {
    const where = { file: path, element: e.id, line: lineOf(xml, e.id) };
    const citations = parseCitations(e.documentation, ctx.articles?.documents ?? []);
    if (!citations.length) {
      const message = `${path}：${label(e)}的文档（documentation）没有写明依据条文，如「海南办法 第四条」`;
      if (BASIS_REQUIRED(e)) problems.push({ ...where, code: 'MISSING_BASIS', message });
      else if (BASIS_EXPECTED.test(e.type)) warnings.push({ ...where, code: 'MISSING_BASIS', message });
      continue;
    }
    if (!ctx.articles) continue;
    for (const c of citations) {
      if (!resolveCitation(ctx.articles, c)) {
        problems.push({ ...where, code: 'UNKNOWN_ARTICLE', message: `${path}：${label(e)}引用的「${c.document ?? ''} ${c.no}」在 articles.json 中不存在（若引用其他法规，请将其条文收入 articles.json）` });
      }
    }
  }
  return { problems, warnings, diagram: { path, xml, ...(key ? { key } : {}), elements } satisfies CheckedDiagram };
}
