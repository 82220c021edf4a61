// Importing 执行案件 records (issue 16): a 100,000-row .xlsx and the same rows as CSV through the
// import job (stream read, validate, write in chunks of 500), rows/s and the peak memory the
// process reached while importing (RSS and heap sampled every 250 ms after a full GC, above the idle platform). The embedded store runs in the same process, so the figures include the 100,000 stored records themselves.
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { startTestPlatform } from '../api/helpers/testPlatform';
import { HEADER } from '../helpers/enforcementFiles';
import { fmt, memoryMb, scaled, type Row } from './lib';

/** Without a GC: a forced collection every sample would slow the import it measures. */
const sampleMb = () => { const m = process.memoryUsage(); return { heap: m.heapUsed / 2 ** 20, rss: m.rss / 2 ** 20 }; };

const COURTS = ['济南市历下区人民法院', '济南市市中区人民法院', '济南市历城区人民法院', '青岛市市南区人民法院', '青岛市黄岛区人民法院'];

function row(i: number): string[] {
  const m = (i % 12) + 1;
  const d = (i % 28) + 1;
  const day = `2025-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return [`（2025）鲁执${i}号`, COURTS[i % COURTS.length], `承办人${i % 300}`, day, i % 3 ? '2026-03-01' : '', i % 3 ? '终本' : '', day, day, i % 2 ? day : '', day, '', '', i % 3 ? '2026-02-20' : '', i % 3 ? '2026-03-01' : ''];
}

async function writeXlsx(file: string, n: number) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
  const ws = wb.addWorksheet('执行案件');
  ws.addRow(HEADER).commit();
  for (let i = 1; i <= n; i++) ws.addRow(row(i)).commit();
  ws.commit();
  await wb.commit();
}

async function writeCsv(file: string, n: number) {
  const out = createWriteStream(file);
  out.write(`\uFEFF${HEADER.join(',')}\n`);
  for (let i = 1; i <= n; i++) if (!out.write(`${row(i).join(',')}\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
  await new Promise<void>((r) => out.end(() => r()));
}

export async function benchEnforcement(rows: Row[], log: (s: string) => void): Promise<void> {
  const n = scaled(100_000, 1000);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'duban-bench-import-'));
  const p = await startTestPlatform({ env: { DUBAN_CLOCK: 'manual' } });
  try {
    await p.platform.clock.set(new Date('2026-06-01T02:00:00Z'));
    const actor = { username: 'sd-admin', court: 'sd-gy', roles: ['系统管理员'] };
    const { imports } = p.platform.services.enforcement;
    for (const kind of ['xlsx', 'csv'] as const) {
      const file = path.join(dir, `records.${kind}`);
      log(`enforcement: writing ${fmt(n)} rows as .${kind}`);
      await (kind === 'xlsx' ? writeXlsx(file, n) : writeCsv(file, n));
      const size = (await stat(file)).size;
      (globalThis as { gc?: () => void }).gc?.();
      const idle = memoryMb();
      let peak = { ...idle };
      log(`enforcement: importing .${kind} (${fmt(size / 1024 / 1024)} MB)`);
      const t0 = performance.now();
      // mode "all": the heavier path, two streaming passes (validate, then write).
      const job = await imports.startFile(actor, { path: file, name: `records.${kind}` }, 'all');
      let done;
      for (;;) {
        const m = sampleMb();
        peak = { heap: Math.max(peak.heap, m.heap), rss: Math.max(peak.rss, m.rss) };
        done = await p.platform.services.enforcement.job(job._id);
        if (done && done.status !== 'running') break;
        await new Promise((r) => setTimeout(r, 250));
      }
      const secs = (performance.now() - t0) / 1000;
      const ok = done!.status === 'done' && done!.created + done!.updated + done!.unchanged === n;
      rows.push({
        benchmark: `enforcement: import ${fmt(n)} rows from .${kind} (${fmt(size / 1024 / 1024)} MB), all-or-nothing`,
        figure: n / secs, unit: 'rows/s', target: '100,000 rows without exhausting memory',
        note: `${fmt(secs)} s; peak RSS ${fmt(peak.rss)} MB (+${fmt(peak.rss - idle.rss)} over idle), peak heap ${fmt(peak.heap)} MB (+${fmt(peak.heap - idle.heap)})${ok ? '' : `; NOT DONE: ${done!.status} ${done!.message ?? ''}`}`,
      });
      log(`enforcement: .${kind} ${fmt(n / secs)} rows/s, ${done!.message}`);
      await p.db.connection.collection('enforcementRecords').deleteMany({});
    }
  } finally {
    await p.close();
    await rm(dir, { recursive: true, force: true });
  }
}
