// Between the stored form of a package version (files as text) and what the code works with.
import { createHash } from 'node:crypto';
import { readDiagram } from './diagram';
import { diagramPath, formPath, isBinaryPath } from './layout';
import type { Articles, Manifest } from './manifest.schema';
import type { PackageDoc } from './package.model';
import { fileOrder } from './zip.write';
import type { PackageFiles } from './types';

/** The same files give the same hash, whatever order the zip listed them in. */
export function contentHash(files: PackageFiles): string {
  const h = createHash('sha256');
  for (const path of [...files.keys()].sort(fileOrder)) h.update(path).update('\0').update(files.get(path)!).update('\0');
  return h.digest('hex');
}

/**
 * Validated text files are UTF-8; a BOM is kept so that an export gives back the same bytes.
 * Document templates (.docx) are stored as base64 text beside them.
 */
export function toStoredFiles(files: PackageFiles): { path: string; text: string; encoding?: 'base64' }[] {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  return [...files.keys()].sort(fileOrder).map((path) =>
    isBinaryPath(path)
      ? { path, text: files.get(path)!.toString('base64'), encoding: 'base64' as const }
      : { path, text: decoder.decode(files.get(path)!) });
}

export function fromStoredFiles(doc: Pick<PackageDoc, 'files'>): PackageFiles {
  return new Map(doc.files.map((f) => [f.path ?? '', Buffer.from(f.text ?? '', f.encoding === 'base64' ? 'base64' : 'utf8')]));
}

/** One stored file's bytes (a template), or undefined. */
export function storedFile(doc: Pick<PackageDoc, 'files'>, path: string): Buffer | undefined {
  const f = doc.files.find((x) => x.path === path);
  return f ? Buffer.from(f.text ?? '', f.encoding === 'base64' ? 'base64' : 'utf8') : undefined;
}

function text(doc: Pick<PackageDoc, 'files'>, path: string): string {
  const f = doc.files.find((x) => x.path === path);
  if (!f) throw new Error(`程序包版本缺少文件 ${path}`);
  return (f.text ?? '').replace(/^\uFEFF/, '');
}

export interface StoredContent {
  manifest: Manifest;
  articles: Articles;
  diagrams: { key: string; title: string; path: string; xml: string }[];
  forms: { key: string; path: string; schema: Record<string, unknown> }[];
}

/** A stored version was validated when it was written: read it back without checking again. */
export function contentOf(doc: Pick<PackageDoc, 'files' | 'manifest'>): StoredContent {
  const manifest = doc.manifest as Manifest;
  return {
    manifest,
    articles: JSON.parse(text(doc, 'articles.json')) as Articles,
    diagrams: manifest.processes.map((p) => ({ key: p.key, title: p.title, path: diagramPath(p.file), xml: text(doc, diagramPath(p.file)) })),
    forms: manifest.forms.map((key) => ({ key, path: formPath(key), schema: JSON.parse(text(doc, formPath(key))) })),
  };
}

export async function diagramsWithElements(content: StoredContent) {
  return Promise.all(content.diagrams.map(async (d) => ({ ...d, elements: await readDiagram(d.xml) })));
}
