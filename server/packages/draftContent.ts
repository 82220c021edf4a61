// A draft as the browser edits it ({manifest, articles, diagrams by file, forms by name}) and as
// it is stored: the files of a package, exactly what an import of its zip would hold. Notes
// travelling with a package (TRACE.md …) are kept from the version the draft started from.
import { z } from 'zod';
import { badRequest } from '../http/errors';
import { readDiagramCanonical } from './diagram';
import { DIAGRAM_PATH, FORM_PATH } from './layout';
import type { PackageFiles } from './types';

export type StoredFile = { path: string; text: string };

export interface WorkspaceContent {
  manifest: Record<string, unknown>;
  articles: unknown;
  diagrams: Record<string, string>;
  forms: Record<string, Record<string, unknown>>;
}

const MAX_TEXT = 2 * 1024 * 1024;
const workspaceSchema = z.object({
  manifest: z.record(z.string(), z.unknown()),
  articles: z.record(z.string(), z.unknown()),
  diagrams: z.record(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]*\.bpmn$/, '流程图文件名应为英文字母、数字、-、_ 组成的 .bpmn 文件名'), z.string().max(MAX_TEXT)),
  forms: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9_-]*$/, '表单名应为英文字母开头的英文标识'), z.record(z.string(), z.unknown())),
});

/** The body of PUT /draft, checked for shape only: the package checks run at publish. */
export function parseWorkspace(raw: unknown): WorkspaceContent {
  const r = workspaceSchema.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw badRequest(`草稿内容格式不正确：${issue.path.join('.')} ${/[\u4e00-\u9fa5]/.test(issue.message) ? issue.message : '格式不正确'}`,
      [{ field: issue.path.join('.'), message: issue.message }]);
  }
  return r.data as WorkspaceContent;
}

const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;
const stripBom = (s: string) => s.replace(/^\uFEFF/, '');

export function filesOfWorkspace(c: WorkspaceContent, notes: StoredFile[] = []): StoredFile[] {
  return [
    { path: 'manifest.json', text: json(c.manifest) },
    { path: 'articles.json', text: json(c.articles) },
    ...Object.keys(c.diagrams).sort().map((f) => ({ path: `processes/${f}`, text: c.diagrams[f] })),
    ...Object.keys(c.forms).sort().map((n) => ({ path: `forms/${n}.json`, text: json(c.forms[n]) })),
    ...notes.filter((n) => isNote(n.path)),
  ];
}

export const isNote = (path: string) => /^[A-Za-z0-9_-]+\.md$/.test(path);

export function workspaceOfFiles(files: StoredFile[]): WorkspaceContent {
  const read = (path: string) => stripBom(files.find((f) => f.path === path)?.text ?? '');
  const parse = (text: string, fallback: unknown) => {
    try {
      return JSON.parse(text);
    } catch {
      return fallback;
    }
  };
  const c: WorkspaceContent = { manifest: parse(read('manifest.json'), {}), articles: parse(read('articles.json'), { documents: [] }), diagrams: {}, forms: {} };
  for (const f of files) {
    if (DIAGRAM_PATH.test(f.path)) c.diagrams[f.path.slice('processes/'.length)] = stripBom(f.text);
    if (FORM_PATH.test(f.path)) c.forms[f.path.slice('forms/'.length, -'.json'.length)] = parse(stripBom(f.text), {});
  }
  return c;
}

export function toPackageFiles(files: StoredFile[]): PackageFiles {
  return new Map(files.map((f) => [f.path, Buffer.from(f.text, 'utf8')]));
}

/** JSON with keys sorted: two texts of the same JSON compare equal whatever their layout. */
export function canonicalJson(text: string): string {
  const sort = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(sort)
      : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sort((v as Record<string, unknown>)[k])]))
        : v;
  try {
    return JSON.stringify(sort(JSON.parse(stripBom(text))));
  } catch {
    return text;
  }
}

/** One file's text in a form where formatting does not count (JSON key order, XML layout). */
export async function canonicalText(path: string, text: string): Promise<string> {
  if (path.endsWith('.json')) return canonicalJson(text);
  if (path.endsWith('.bpmn')) return readDiagramCanonical(stripBom(text)).catch(() => text);
  return stripBom(text);
}

/** Same package content: the same files, each equal once formatting is set aside. */
export async function sameFiles(a: StoredFile[], b: StoredFile[]): Promise<boolean> {
  const paths = (l: StoredFile[]) => l.filter((f) => !isNote(f.path)).map((f) => f.path).sort();
  const pa = paths(a);
  if (pa.join('\n') !== paths(b).join('\n')) return false;
  for (const p of pa) {
    const x = a.find((f) => f.path === p)!.text;
    const y = b.find((f) => f.path === p)!.text;
    if (x !== y && (await canonicalText(p, x)) !== (await canonicalText(p, y))) return false;
  }
  return true;
}
