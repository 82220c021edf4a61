// The two JSON files every package has: manifest.json and articles.json (docs/PACKAGES.md).
// Validated with zod; every issue becomes a Chinese problem naming the file and the field.
import { PARAMETER_KINDS } from './parameterKind';
import { z } from 'zod';
import { checkNumbering } from '../documents/numbering';
import { ROLES } from '../auth/roles';
import { COURT_LEVELS } from '../courts/courts.types';
import { ledgerSectionSchema } from '../ledger/rules.schema';
import { enforcementSectionSchema } from '../enforcement/rules.schema';
import type { PackageProblem } from './types';
import { isArticleNo } from './citations';

export const PACKAGE_ID = /^[a-z0-9][a-z0-9-]{1,63}$/;
const PROCESS_KEY = /^[A-Za-z_][A-Za-z0-9_.-]*$/; // an XML NCName: the BPMN process id
const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*\.bpmn$/;
const TEMPLATE_FILE = /^[A-Za-z0-9][A-Za-z0-9_-]*\.docx$/;
// `<package>/<form>`, or just `<form>` (the package's own id is then understood).
export const FORM_KEY = /^(?:[a-z0-9][a-z0-9-]{1,63}\/)?[A-Za-z][A-Za-z0-9_-]*$/;

const text = z.string().trim().min(1);
/** Why a period the text states has no deadline in the package (server/periods/README.md). */
export const PERIOD_STATUSES = ['非程序性', '平台无法执行'] as const;
/** date 日期, dateTime 日期时间, text 文本, number 数字, boolean 是否, court 法院, person 人员, period 期间. */
export const DICTIONARY_TYPES = ['date', 'dateTime', 'text', 'number', 'boolean', 'court', 'person', 'period'] as const;
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期应写作 YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), '不是有效日期');

const courtLevel = z.enum(COURT_LEVELS, { error: `法院层级应为 ${COURT_LEVELS.join('、')} 之一` });
const role = z.enum(ROLES, { error: `角色应为 ${ROLES.join('、')} 之一` });

/** 立案: who may open a case of a process, through which form, with which data (docs/PACKAGES.md). */
const startForm = z.strictObject({
  process: z.string().regex(PROCESS_KEY, '流程 key 应为本包 processes 中列出的 key'),
  form: z.string().regex(FORM_KEY, '立案表单键应写作 <程序包 id>/<表单名>，如 hainan/startSupervision'),
  title: text,
  starters: z.strictObject({
    levels: z.array(courtLevel).min(1),
    roles: z.array(role).min(1),
  }),
  /** Which courts may be chosen as the supervised court: levels below the starter's court, or the starter's own court. */
  supervised: z.union([
    z.strictObject({ levels: z.array(courtLevel).min(1) }),
    z.literal('own', { error: 'supervised 应为 {"levels": [...]} 或 "own"（本院）' }),
  ]).optional(),
  data: z.array(z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, '立案数据项应为表单字段键（英文字母开头）')),
});

const manifestObject = z.strictObject({
  id: z.string().regex(PACKAGE_ID, '程序包 id 应为 2–64 位小写字母、数字或连字符，如 hainan'),
  province: text,
  title: text,
  regulation: z.strictObject({
    title: text,
    docNo: text.optional(),
    effective: isoDate,
    articles: z.literal('articles.json', { error: '条文文件应为 articles.json' }),
  }),
  version: z.union([z.number().int().positive(), z.string().regex(/^\d+(\.\d+){0,3}$/)], {
    error: '版次应为正整数或如 1.0.0 的文本',
  }),
  supersedes: z.string().regex(PACKAGE_ID, '被取代的程序包 id 格式不正确').optional(),
  processes: z.array(z.strictObject({
    key: z.string().regex(PROCESS_KEY, '流程 key 应为流程图中可执行流程的 id（英文字母开头）'),
    file: z.string().regex(FILE_NAME, '流程图文件名应为英文字母、数字、-、_ 组成的 .bpmn 文件名，如 supervision.bpmn'),
    title: text,
  })).min(1),
  forms: z.array(z.string().regex(FORM_KEY, '表单键应写作 <程序包 id>/<表单名>（或只写表单名），如 hainan/reviewComplaint')),
  parameters: z.array(z.strictObject({
    id: z.string().regex(/^[A-Za-z][A-Za-z0-9_-]*$/, '参数 id 应为英文字母开头的标识符'),
    label: text,
    element: text,
    process: text.optional(),
    value: text,
    basis: text,
    // date: a fixed date (6月10日前, 2018年3月底前) with its warnings; cycle: 每季度首月10日前 …
    // (server/packages/parameterKind.ts). Absent: any deadline notation.
    kind: z.enum(PARAMETER_KINDS, { error: `参数类别 kind 应为 ${PARAMETER_KINDS.join('、')} 之一` }).optional(),
  })),
  // Variables by Chinese label (收到信访材料之日 for complaintReceivedAt): how deadlines are shown and typed.
  dictionary: z.array(z.strictObject({
    name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/, '变量名应为英文标识，可带表单前缀，如 complaintReceivedAt、reviewComplaint.instructionReceivedAt'),
    label: text,
    type: z.enum(DICTIONARY_TYPES, { error: `类型应为 ${DICTIONARY_TYPES.join('、')} 之一` }),
    description: text.optional(),
  })).optional(),
  // Official documents (server/documents/README.md): each kind a .docx in templates/, issued
  // when one of its elements completes (user task) or is reached (event).
  documents: z.array(z.strictObject({
    kind: z.string().regex(/^[A-Za-z][A-Za-z0-9]*$/, '文书种类 kind 应为英文字母开头的标识符，如 supervisionLetter'),
    name: text,
    template: z.string().regex(TEMPLATE_FILE, '模板文件名应为英文字母、数字、-、_ 组成的 .docx 文件名，如 supervisionLetter.docx'),
    elements: z.array(text).min(1),
    process: text.optional(),
    numbering: text.superRefine((v, ctx) => {
      for (const message of checkNumbering(v)) ctx.addIssue({ code: 'custom', message });
    }),
  })).optional(),
  /** 法院代字 for {代字} in 文号 patterns: court code → 琼, 琼01 … */
  courtAbbreviations: z.record(z.string().regex(/^[a-z0-9][a-z0-9-]{1,39}$/, '法院代码格式不正确'), text).optional(),
  startForms: z.array(startForm).optional(),
  /**
   * How the package accounts for each period its articles state (server/periods/README.md):
   * bound by hand to the parameters / elements that enforce it, or explained as 非程序性 /
   * 平台无法执行; `{parameter, reason}` records why a parameter departs from its article's period.
   */
  periods: z.array(z.union([
    z.strictObject({
      period: text,
      enforcedBy: z.array(text).min(1).optional(),
      status: z.enum(PERIOD_STATUSES, { error: `status 应为 ${PERIOD_STATUSES.join('、')} 之一` }).optional(),
      reason: text,
    }).refine((d) => !!d.enforcedBy !== !!d.status, { message: '每项须二选一：enforcedBy（执行它的参数或元素）或 status（非程序性 / 平台无法执行）' }),
    z.strictObject({ parameter: text, reason: text }),
  ], { error: '条文期限的处理应为 {period, enforcedBy | status, reason} 或 {parameter, reason}' })).optional(),
  /** Rules over the supervision ledger and the periodic notice's recipients (server/ledger/README.md). */
  ledger: ledgerSectionSchema.optional(),
  /** Monitoring rules and sampled inspections over 执行案件 records (server/enforcement/README.md). */
  enforcement: enforcementSectionSchema.optional(),
});
export const manifestFields = manifestObject.shape;

/** Form keys in full (`<package>/<form>`), as diagrams and the forms capability use them. */
function fullFormKeys<M extends { id: string; forms: string[]; startForms?: { form: string }[] }>(m: M): M {
  const full = (k: string) => (k.includes('/') ? k : `${m.id}/${k}`);
  return {
    ...m,
    forms: m.forms.map(full),
    ...(m.startForms ? { startForms: m.startForms.map((f) => ({ ...f, form: full(f.form) })) } : {}),
  };
}
export const manifestSchema = manifestObject.transform(fullFormKeys);
export type Manifest = z.infer<typeof manifestSchema>;
export type Parameter = Manifest['parameters'][number];
export type StartFormDeclaration = NonNullable<Manifest['startForms']>[number];

/**
 * The usable part of a manifest that failed validation: every field and list item that is valid
 * on its own. The other checks run against it, so one typo does not hide the remaining problems.
 */
export function lenientManifest(raw: unknown): Manifest {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const one = <T>(schema: z.ZodType<T>, v: unknown, fallback: T): T => {
    const p = schema.safeParse(v);
    return p.success ? p.data : fallback;
  };
  const many = <T>(schema: z.ZodType<T>, v: unknown): T[] =>
    (Array.isArray(v) ? v : []).flatMap((x) => {
      const p = schema.safeParse(x);
      return p.success ? [p.data] : [];
    });
  const s = manifestFields;
  return fullFormKeys({
    id: one(s.id, r.id, ''),
    province: one(s.province, r.province, ''),
    title: one(s.title, r.title, ''),
    regulation: one(s.regulation, r.regulation, { title: '', effective: '', articles: 'articles.json' }),
    version: one(s.version, r.version, 0),
    ...(one(s.supersedes, r.supersedes, undefined) ? { supersedes: one(s.supersedes, r.supersedes, undefined) } : {}),
    processes: many(s.processes.element, r.processes),
    forms: many(s.forms.element, r.forms),
    parameters: many(s.parameters.element, r.parameters),
    ...(Array.isArray(r.dictionary) ? { dictionary: many(s.dictionary.unwrap().element, r.dictionary) } : {}),
    ...(Array.isArray(r.documents) ? { documents: many(s.documents.unwrap().element, r.documents) } : {}),
    // All or none: the checks name entries by their index, which dropping one would shift.
    ...(Array.isArray(r.startForms) ? { startForms: one(s.startForms, r.startForms, []) } : {}),
    ...(one(s.ledger, r.ledger, undefined) ? { ledger: one(s.ledger, r.ledger, undefined) } : {}),
    ...(one(s.enforcement, r.enforcement, undefined) ? { enforcement: one(s.enforcement, r.enforcement, undefined) } : {}),
    ...(Array.isArray(r.periods) ? { periods: many(s.periods.unwrap().element, r.periods) } : {}),
  });
}

export const articlesSchema = z.strictObject({
  documents: z.array(z.strictObject({
    id: z.string().regex(/^[^\s第]\S*$/, '文件简称不能含空白，如 海南办法'),
    title: text,
    docNo: text.optional(),
    articles: z.array(z.strictObject({
      no: z.string().refine(isArticleNo, '条号应写作「第N条」或意见、方案的提纲编号，如 第四条、第12条、第十条之一、一.2(2)、二.(三)1'),
      text,
    })).min(1),
  })).min(1),
});
export type Articles = z.infer<typeof articlesSchema>;

const TYPE_NAMES: Record<string, string> = {
  string: '文本', number: '数字', object: '对象', array: '数组', boolean: '布尔值',
};

function fieldOf(path: PropertyKey[]): string {
  return path.reduce<string>((s, p) => (typeof p === 'number' ? `${s}[${p}]` : s ? `${s}.${String(p)}` : String(p)), '');
}

/** zod issues in Chinese; our own messages (regex, refine, union) are already Chinese. */
function zh(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return /received undefined/.test(issue.message) ? '缺少此字段' : `类型错误，应为${TYPE_NAMES[issue.expected] ?? issue.expected}`;
    case 'unrecognized_keys':
      return `未知字段：${issue.keys.join('、')}`;
    case 'too_small':
      return issue.origin === 'array' ? `至少应有 ${String(issue.minimum)} 项` : '不能为空';
    case 'too_big':
      return `超过上限 ${String(issue.maximum)}`;
    default:
      return /[\u4e00-\u9fa5]/.test(issue.message) ? issue.message : `格式不正确`;
  }
}

export function parseWith<T>(schema: z.ZodType<T>, value: unknown, file: string): { value?: T; problems: PackageProblem[] } {
  const r = schema.safeParse(value);
  if (r.success) return { value: r.data, problems: [] };
  return {
    problems: r.error.issues.map((issue) => {
      const field = fieldOf(issue.path);
      return { file, ...(field ? { field } : {}), code: 'SCHEMA', message: `${file}${field ? ` 的 ${field}` : ''}：${zh(issue)}` };
    }),
  };
}

/** Strict UTF-8 (a BOM is allowed), then JSON; a syntax error names its line. */
export function readJson(file: string, data: Buffer): { value?: unknown; problems: PackageProblem[] } {
  let textValue: string;
  try {
    textValue = new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    return { problems: [{ file, code: 'ENCODING', message: `${file} 不是 UTF-8 编码的文本` }] };
  }
  try {
    return { value: JSON.parse(textValue), problems: [] };
  } catch (err) {
    const at = /position (\d+)/.exec((err as Error).message);
    const line = at ? textValue.slice(0, +at[1]).split('\n').length : undefined;
    return { problems: [{ file, ...(line ? { line } : {}), code: 'JSON', message: `${file} 不是有效的 JSON：${(err as Error).message}` }] };
  }
}
