// Reads a shipped package and its tests from the repository for TRACE.md (scripts/trace.ts).
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { readDiagram } from '../packages/diagram';
import { articlesSchema, manifestSchema } from '../packages/manifest.schema';
import { readTests, renderTrace, type TraceTest } from './trace';

async function files(dir: string, match: (name: string) => boolean): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  return entries.filter((e) => e.isFile() && match(e.name)).map((e) => path.join(e.parentPath, e.name)).sort();
}

/** The tests of package `id`: test/scenarios/<id>/ and test/e2e/<id>-*.test.ts. */
export async function packageTests(root: string, id: string): Promise<TraceTest[]> {
  const paths = [
    ...(await files(path.join(root, 'test/scenarios', id), (n) => n.endsWith('.test.ts'))),
    ...(await files(path.join(root, 'test/e2e'), (n) => n.startsWith(`${id}-`) && n.endsWith('.test.ts'))),
  ];
  const out: TraceTest[] = [];
  for (const p of paths) out.push(...readTests(path.relative(root, p), await readFile(p, 'utf8')));
  return out;
}

export async function traceOf(root: string, id: string): Promise<string> {
  const dir = path.join(root, 'processes', id);
  const manifest = manifestSchema.parse(JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8')));
  const articles = articlesSchema.parse(JSON.parse(await readFile(path.join(dir, 'articles.json'), 'utf8')));
  const diagrams = [];
  for (const p of manifest.processes) {
    diagrams.push({ file: p.file, key: p.key, elements: await readDiagram(await readFile(path.join(dir, p.file), 'utf8')) });
  }
  return renderTrace({ manifest, articles, diagrams, tests: await packageTests(root, id) });
}
