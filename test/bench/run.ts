// `npm run bench`: every benchmark, one markdown table on stdout and in test-artifacts/bench.md.
// Targets live here, never in timed tests; a missed target is reported (note column), not
// failed. Exit code 0 unless a benchmark crashed.
//
//   npm run bench                      full sizes (about 6 minutes on 2 cores)
//   BENCH_SCALE=0.1 npm run bench      every count ×0.1 (about a minute)
//   BENCH_ONLY=wire,runtime npm run bench   a subset: store, wire, runtime, http, memory, pages, documents, constructs
//   BENCH_FIRE=10000 npm run bench     fire all 10,000 due timers (default: the first 2,000,
//                                      which keeps the full run near 6 minutes)
// Other work on the machine skews absolute figures: the header records the load average, and
// each ratio's two sides are measured interleaved.
//
// Needs global.gc for memory figures: re-executes itself under `node --expose-gc --import tsx`.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SCALE, fmt, type Row } from './lib';

const self = fileURLToPath(import.meta.url);
if (typeof (globalThis as { gc?: unknown }).gc !== 'function') {
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', self, ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}

const root = path.resolve(import.meta.dirname, '../..');
const began = Number(process.env.BENCH_T0) || Date.now(); // the parent's start, in a section's process
const loadBefore = loadavg()[0];
const log = (s: string) => process.stderr.write(`[bench ${((Date.now() - began) / 1000).toFixed(0)}s] ${s}\n`);

interface StoreRow { name: string; figure: number; unit: string; baseline?: number; note?: string }

/** The store-level rows (test/bench/embedded-mongo.store.ts), with the targets added. */
async function storeRows(rows: Row[]): Promise<void> {
  const file = path.join(import.meta.dirname, 'embedded-mongo.store.ts');
  if (!existsSync(file)) {
    rows.push({ benchmark: 'store (embedded-mongo.store.ts)', figure: '—', unit: '', note: 'not present in this checkout' });
    return;
  }
  const { benchStore } = (await import('./embedded-mongo.store')) as { benchStore: () => Promise<StoreRow[]> };
  for (const r of await benchStore()) {
    const row: Row = {
      benchmark: `store (no wire): ${r.name}`, figure: r.figure, unit: r.unit, note: r.note,
      baseline: r.baseline === undefined ? undefined : `${fmt(r.baseline)} ${r.unit}`,
    };
    if (/insertOne, one writer/.test(r.name)) {
      row.target = '≥ 2,000 docs/s';
      row.note = [r.figure >= 2000 ? 'met' : 'MISSED (fdatasync-bound, see disk row)', r.note].filter(Boolean).join('; ');
    } else if (/findOne by indexed field/.test(r.name) && /µs/.test(r.unit)) {
      row.target = '≤ 500 µs (≥ 2,000/s)';
      row.note = [r.figure <= 500 ? 'met' : 'MISSED', r.note].filter(Boolean).join('; ');
    }
    rows.push(row);
  }
}

const sections: [string, (rows: Row[]) => Promise<void>][] = [
  ['store', storeRows],
  ['wire', async (rows) => (await import('./wire')).benchWire(rows, log)],
  ['runtime', async (rows) => (await import('./runtime')).benchRuntime(rows, log)],
  ['http', async (rows) => (await import('./http')).benchHttp(rows, log)],
  ['memory', async (rows) => (await import('./memory')).benchMemory(rows, log)],
  ['pages', async (rows) => (await import('./pages')).benchPages(rows, log)],
  ['documents', async (rows) => (await import('./documents')).benchDocuments(rows, log)],
  ['constructs', async (rows) => (await import('./constructs')).benchConstructs(rows, log)],
];

// Each section runs in a process of its own (this file again, BENCH_SECTION=name), so that
// no section's leftovers (200,000 documents of the store section, say) sit in the heap that the
// next one measures or collects garbage over.
const section = process.env.BENCH_SECTION;
if (section) {
  const rows: Row[] = [];
  const bench = sections.find(([name]) => name === section)![1];
  let code = 0;
  try {
    await bench(rows);
  } catch (err) {
    code = 1;
    console.error(err);
    rows.push({ benchmark: `${section}: CRASHED`, figure: '—', unit: '', note: String((err as Error).message ?? err).slice(0, 200) });
  }
  await writeFile(process.env.BENCH_OUT!, JSON.stringify(rows));
  process.exit(code);
}

const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim());
const rows: Row[] = [];
let crashed = false;
const outDir = await mkdtemp(path.join(tmpdir(), 'duban-bench-rows-'));
for (const [name] of sections) {
  if (only && !only.includes(name)) continue;
  log(`${name}…`);
  const out = path.join(outDir, `${name}.json`);
  const r = spawnSync(process.execPath, [...process.execArgv, self], {
    stdio: 'inherit', env: { ...process.env, BENCH_SECTION: name, BENCH_OUT: out, BENCH_T0: String(began) },
  });
  if (r.status !== 0) crashed = true;
  try {
    rows.push(...(JSON.parse(await readFile(out, 'utf8')) as Row[]));
  } catch {
    rows.push({ benchmark: `${name}: CRASHED`, figure: '—', unit: '', note: `exit ${r.status ?? r.signal}` });
  }
}
await rm(outDir, { recursive: true, force: true });

const cell = (v: unknown) => (v === undefined || v === '' ? '' : String(typeof v === 'number' ? fmt(v) : v)).replace(/\|/g, '\\|');
const seconds = Math.round((Date.now() - began) / 1000);
const table = [
  '| benchmark | figure | unit | baseline (bare library, measured in the same run) | target | note |',
  '|---|---:|---|---|---|---|',
  ...rows.map((r) => `| ${[r.benchmark, r.figure, r.unit, r.baseline, r.target, r.note].map(cell).join(' | ')} |`),
].join('\n');
const load = `load average ${loadBefore.toFixed(1)} at start, ${loadavg()[0].toFixed(1)} at end (${cpus().length} cores)`;
const about = `BENCH_SCALE=${SCALE}, node ${process.version}, ${seconds} s, ${load}`;
console.log(`\n${table}\n\n${about}`);
const header = `# Duban benchmarks\n\n${new Date().toISOString()}: ${about}.\n\n`;
await mkdir(path.join(root, 'test-artifacts'), { recursive: true });
await writeFile(path.join(root, 'test-artifacts', 'bench.md'), `${header}${table}\n`);
process.exit(crashed ? 1 : 0);
