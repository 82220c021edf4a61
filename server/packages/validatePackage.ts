// Import validation: every check runs and every problem is collected before anything is
// decided; only a package with no problem at all comes back as `pkg`. Used alike for uploaded
// zips and for the packages shipped in processes/ and forms/.
import { decodeDiagram } from './diagramEncoding';
import { dictionaryProblems } from '../calendar';
import type { FormsService } from '../forms';
import { checkDiagram, type CheckedDiagram } from './checkDiagram';
import { checkParameters } from './checkParameters';
import { checkDocuments } from '../documents/binding';
import { checkStartForms } from './checkStartForms';
import { checkEnforcementSection } from '../enforcement/checkSection';
import { coverageWarnings } from '../periods';
import { articleDuplicates } from './citations';
import { DIAGRAM_PATH, FORM_PATH, diagramPath, formPath, manifestAgainstFiles, unknownFiles } from './layout';
import { articlesSchema, lenientManifest, manifestSchema, parseWith, readJson, type Articles, type Manifest } from './manifest.schema';
import type { PackageFiles, PackageProblem } from './types';

export type FormsPort = Pick<FormsService, 'saveRevision' | 'latest' | 'checkSchema'>;

export interface ValidationContext {
  forms: Pick<FormsPort, 'latest' | 'checkSchema'>;
  /** The province of an existing package with this id, if any. */
  provinceOf(id: string): Promise<string | undefined>;
  processOwner(key: string): Promise<string | undefined>;
}

export interface ValidPackage {
  manifest: Manifest;
  articles: Articles;
  files: PackageFiles;
  diagrams: (CheckedDiagram & { key: string; title: string })[];
  forms: { key: string; path: string; schema: Record<string, unknown> }[];
}

export interface Validation {
  problems: PackageProblem[];
  warnings: PackageProblem[];
  pkg?: ValidPackage;
}

export async function validatePackage(
  input: { files: PackageFiles; dirs?: string[]; problems?: PackageProblem[] },
  ctx: ValidationContext,
): Promise<Validation> {
  const { files } = input;
  const problems: PackageProblem[] = [...(input.problems ?? []), ...unknownFiles(files, input.dirs ?? [])];
  const warnings: PackageProblem[] = [];

  const manifestRead = readSchema('manifest.json', files, manifestSchema, problems);
  const manifest = manifestRead.value;
  // Checks below run against what is valid in the manifest even when other parts are not.
  const m = manifest ?? (manifestRead.raw !== undefined ? lenientManifest(manifestRead.raw) : undefined);
  const articles = readSchema('articles.json', files, articlesSchema, problems).value;
  for (const message of articles ? articleDuplicates(articles) : []) {
    problems.push({ file: 'articles.json', code: 'DUPLICATE_ARTICLE', message: `articles.json：${message}` });
  }
  if (m) {
    append(problems, manifestAgainstFiles(m, files));
    for (const p of dictionaryProblems(m.dictionary ?? [])) {
      problems.push({ file: 'manifest.json', field: `dictionary[${p.index}]`, code: 'DICTIONARY', message: `manifest.json 的数据字典：${p.message}` });
    }
    const province = m.id ? await ctx.provinceOf(m.id) : undefined;
    if (province && m.province && province !== m.province) {
      problems.push({ file: 'manifest.json', field: 'id', code: 'DUPLICATE_ID', message: `程序包 id「${m.id}」已属于${province}的程序包，不能用于${m.province}` });
    }
  }

  const forms: ValidPackage['forms'] = [];
  for (const [path, data] of files) {
    if (!FORM_PATH.test(path)) continue;
    const { value, problems: jsonProblems } = readJson(path, data);
    append(problems, jsonProblems);
    if (value === undefined) continue;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      problems.push({ file: path, code: 'FORM_INVALID', message: `${path} 应为一个 Form.io 表单对象` });
      continue;
    }
    for (const p of ctx.forms.checkSchema(value)) {
      problems.push({ file: path, field: p.field, code: 'FORM_INVALID', message: `${path}：${p.field ? `${p.field}：` : ''}${p.message}` });
    }
    const key = m?.forms.find((k) => formPath(k) === path);
    if (key) forms.push({ key, path, schema: value as Record<string, unknown> });
  }

  const diagrams: ValidPackage['diagrams'] = [];
  let complete = true;
  for (const [path, original] of files) {
    if (!DIAGRAM_PATH.test(path)) continue;
    // Another declared encoding that decodes cleanly is stored as UTF-8 (diagramEncoding.ts).
    const decoded = decodeDiagram(path, original);
    let data = original;
    if ('xml' in decoded && decoded.transcodedFrom) {
      data = Buffer.from(decoded.xml, 'utf8');
      files.set(path, data);
      warnings.push({ file: path, code: 'ENCODING_CONVERTED', message: `${path} 由 ${decoded.transcodedFrom} 编码转换为 UTF-8 保存` });
    }
    const listed = m?.processes.find((p) => diagramPath(p.file) === path);
    const r = await checkDiagram(path, data, {
      packageId: m?.id,
      expectedKey: listed?.key,
      // Without a readable forms list, form keys are checked for their shape only.
      forms: manifest || m?.forms.length ? new Set(m?.forms) : undefined,
      processes: m?.processes.map((p) => p.key),
      articles,
      formExists: async (key) => !!(await ctx.forms.latest(key).catch(() => null)),
      processOwner: ctx.processOwner,
    });
    append(problems, r.problems);
    append(warnings, r.warnings);
    if (!r.diagram?.elements.length) complete = false;
    if (r.diagram && listed) diagrams.push({ ...r.diagram, key: listed.key, title: listed.title });
  }
  if (m) append(problems, checkParameters(m, diagrams, articles, complete));
  if (m && complete) append(problems, checkDocuments(m, files, diagrams.flatMap((d) => d.elements), forms));
  if (m) append(problems, checkStartForms(m, forms));
  if (m) append(problems, checkEnforcementSection(m));
  // Every period the articles state is bound or explained (server/periods/README.md).
  if (manifest && articles) {
    append(warnings, coverageWarnings(manifest, articles, complete ? diagrams.flatMap((d) => d.elements.map((e) => ({ id: e.id, process: e.process }))) : undefined));
  }

  if (problems.length || !manifest || !articles) return { problems, warnings };
  return { problems, warnings, pkg: { manifest, articles, files, diagrams, forms } };
}

function readSchema<T>(file: string, files: PackageFiles, schema: import('zod').ZodType<T>, problems: PackageProblem[]) {
  const data = files.get(file);
  if (!data) {
    problems.push({ file, code: 'MISSING_FILE', message: `程序包缺少 ${file}` });
    return {};
  }
  const json = readJson(file, data);
  append(problems, json.problems);
  if (json.value === undefined) return {};
  const parsed = parseWith(schema, json.value, file);
  append(problems, parsed.problems);
  return { value: parsed.value, raw: json.value };
}

/** Appends without spreading: a diagram with 150,000 problems would overflow the call stack (probe PK-07b). */
function append<T>(to: T[], items: readonly T[]): void {
  for (const item of items) to.push(item);
}
