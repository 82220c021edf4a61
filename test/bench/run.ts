// `npm run bench`: every benchmark, one markdown table on stdout and in test-artifacts/bench.md.
// Targets live here, never in timed tests; a missed target is reported (note column), not
// failed. Exit code 0 unless a benchmark crashed.
//
//   npm run bench                      full sizes (about 6 minutes on 2 cores)
//   BENCH_SCALE=0.1 npm run bench      every count ×0.1 (about a minute)
//   BENCH_ONLY=wire,runtime npm run bench   a subset: store, wire, runtime, memory
//   BENCH_FIRE=10000 npm run bench     fire all 10,000 due timers (default: the first 2,000,
//                                      which keeps the full run near 6 minutes)
// Other work on the machine skews absolute figures: the header records the load average, and
// each ratio's two sides are measured interleaved.
//
// Needs global.gc for memory figures: re-executes itself under `node --expose-gc --import tsx`.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SCALE, fmt, type Row } from './lib';

const self = fileURLToPath(import.meta.url);
if (typeof (globalThis as { gc?: unknown }).gc !== 'function') {
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', self, ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}

const root = path.resolve(import.meta.dirname, '../..');
const began = performance.now();
const loadBefore = loadavg()[0];
const log = (s: string) => process.stderr.write(`[bench ${((performance.now() - began) / 1000).toFixed(0)}s] ${s}\n`);

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
  ['memory', async (rows) => (await import('./memory')).benchMemory(rows, log)],
];

const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim());
const rows: Row[] = [];
let crashed = false;
for (const [name, bench] of sections) {
  if (only && !only.includes(name)) continue;
  log(`${name}…`);
  try {
    await bench(rows);
  } catch (err) {
    crashed = true;
    console.error(err);
    rows.push({ benchmark: `${name}: CRASHED`, figure: '—', unit: '', note: String((err as Error).message ?? err).slice(0, 200) });
  }
}

const cell = (v: unknown) => (v === undefined || v === '' ? '' : String(typeof v === 'number' ? fmt(v) : v)).replace(/\|/g, '\\|');
const seconds = Math.round((performance.now() - began) / 1000);
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
