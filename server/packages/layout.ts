// Which files a package may contain and which the manifest names. A file the manifest does not
// name, or a name without a file, is a problem: nothing in a package goes unchecked or unused.
import type { Manifest } from './manifest.schema';
import type { PackageFiles, PackageProblem } from './types';

export const DIAGRAM_PATH = /^processes\/[A-Za-z0-9][A-Za-z0-9_-]*\.bpmn$/;
export const FORM_PATH = /^forms\/[A-Za-z][A-Za-z0-9_-]*\.json$/;
export const TEMPLATE_PATH = /^templates\/[A-Za-z0-9][A-Za-z0-9_-]*\.docx$/;
const ALLOWED_DIRS = new Set(['processes/', 'forms/', 'templates/']);

export const formPath = (key: string) => `forms/${key.slice(key.indexOf('/') + 1)}.json`;
export const diagramPath = (file: string) => `processes/${file}`;
export const templatePath = (file: string) => `templates/${file}`;
/** Document templates are Word files; every other file of a package is UTF-8 text. */
export const isBinaryPath = (path: string) => TEMPLATE_PATH.test(path);

/** Files and folders that have no place in a package. */
export function unknownFiles(files: PackageFiles, dirs: string[]): PackageProblem[] {
  const out: PackageProblem[] = [];
  // The usual mistake: zipping the folder instead of its contents.
  const nested = !files.has('manifest.json') && [...files.keys()].find((p) => /^[^/]+\/manifest\.json$/.test(p));
  if (nested) {
    const folder = nested.slice(0, nested.indexOf('/') + 1);
    out.push({ file: nested, code: 'NESTED_FOLDER', message: `manifest.json 应在 zip 的根目录，而不是「${folder}」中：请压缩该目录里的文件，而不是目录本身` });
  }
  for (const d of dirs) {
    if (!ALLOWED_DIRS.has(d)) out.push({ file: d, code: 'UNKNOWN_FILE', message: `未知目录「${d}」：程序包只能有 processes/、forms/ 与 templates/ 三个目录` });
  }
  for (const path of files.keys()) {
    if (path === 'manifest.json' || path === 'articles.json' || DIAGRAM_PATH.test(path) || FORM_PATH.test(path) || TEMPLATE_PATH.test(path)) continue;
    // Notes for people (README.md, TRACE.md) may travel with a package; the platform ignores them.
    if (/^[A-Za-z0-9_-]+\.md$/.test(path)) continue;
    out.push({
      file: path,
      code: 'UNKNOWN_FILE',
      message: `未知文件「${path}」：程序包只能包含 manifest.json、articles.json、processes/<名称>.bpmn、forms/<表单名>.json、templates/<模板名>.docx（文件名用英文字母、数字、-、_）`,
    });
  }
  return out;
}

function duplicates(values: string[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const v of values) (seen.has(v) ? dup : seen).add(v);
  return [...dup];
}

/** The manifest against the files present: missing, unlisted, duplicated, misnamed. */
export function manifestAgainstFiles(m: Manifest, files: PackageFiles): PackageProblem[] {
  const out: PackageProblem[] = [];
  const file = 'manifest.json';
  const add = (field: string, code: string, message: string) => out.push({ file, field, code, message });
  for (const k of duplicates(m.processes.map((p) => p.key))) add('processes', 'DUPLICATE_PROCESS', `流程 key「${k}」在清单中重复`);
  for (const f of duplicates(m.processes.map((p) => p.file))) add('processes', 'DUPLICATE_FILE', `流程图文件「${f}」在清单中列了不止一次`);
  for (const k of duplicates(m.forms)) add('forms', 'DUPLICATE_FORM', `表单键「${k}」在清单中重复`);
  for (const k of duplicates(m.parameters.map((p) => p.id))) add('parameters', 'DUPLICATE_PARAMETER', `参数 id「${k}」在清单中重复`);
  if (m.supersedes === m.id) add('supersedes', 'SCHEMA', '程序包不能取代它自己');

  m.processes.forEach((p, i) => {
    if (!files.has(diagramPath(p.file))) {
      add(`processes[${i}].file`, 'MISSING_FILE', `清单列出的流程图「${diagramPath(p.file)}」在程序包中不存在`);
    }
  });
  m.forms.forEach((key, i) => {
    if (!key.startsWith(`${m.id}/`)) {
      add(`forms[${i}]`, 'FORM_NAMESPACE', `表单键「${key}」应以本程序包 id 开头：${m.id}/…`);
    } else if (!files.has(formPath(key))) {
      add(`forms[${i}]`, 'MISSING_FILE', `清单列出的表单「${key}」在程序包中没有文件 ${formPath(key)}`);
    }
  });
  const documents = m.documents ?? [];
  for (const k of duplicates(documents.map((d) => d.kind))) add('documents', 'DUPLICATE_DOCUMENT', `文书种类「${k}」在清单中重复`);
  documents.forEach((d, i) => {
    if (!files.has(templatePath(d.template))) {
      add(`documents[${i}].template`, 'MISSING_FILE', `清单列出的文书模板「${templatePath(d.template)}」在程序包中不存在`);
    }
  });
  const listedTemplates = new Set(documents.map((d) => templatePath(d.template)));
  const listedDiagrams = new Set(m.processes.map((p) => diagramPath(p.file)));
  const listedForms = new Set(m.forms.map(formPath));
  for (const path of files.keys()) {
    if (DIAGRAM_PATH.test(path) && !listedDiagrams.has(path)) {
      out.push({ file: path, code: 'UNLISTED_FILE', message: `流程图「${path}」未在 manifest.json 的 processes 中列出` });
    }
    if (FORM_PATH.test(path) && !listedForms.has(path)) {
      out.push({ file: path, code: 'UNLISTED_FILE', message: `表单「${path}」未在 manifest.json 的 forms 中列出` });
    }
    if (TEMPLATE_PATH.test(path) && !listedTemplates.has(path)) {
      out.push({ file: path, code: 'UNLISTED_FILE', message: `文书模板「${path}」未在 manifest.json 的 documents 中列出` });
    }
  }
  return out;
}
