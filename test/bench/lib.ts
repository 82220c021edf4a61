// Shared pieces of `npm run bench`: the table row, sizes scaled by BENCH_SCALE, latency
// statistics, GC'd memory readings, and a platform on a temp DATA_DIR with the manual clock.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../server/config';
import type { Actor } from '../../server/http/actor';
import { createLogger } from '../../server/logger';
import { createPlatform, SHIPPED_FORMS_DIR, type Platform } from '../../server/platform/createPlatform';
import { sample } from '../scenarios/hainan/samples';

export interface Row {
  benchmark: string;
  figure: number | string;
  unit: string;
  baseline?: string;
  target?: string;
  note?: string;
}

/** BENCH_SCALE=0.1 for a quick run; counts never drop below `min`. */
export const SCALE = Number(process.env.BENCH_SCALE ?? 1) || 1;
export const scaled = (n: number, min = 20) => Math.max(min, Math.round(n * SCALE));

export const round = (n: number, digits = 0) => {
  const k = 10 ** digits;
  return Math.round(n * k) / k;
};
export const fmt = (n: number) => (Math.abs(n) >= 100 ? round(n).toLocaleString('en-US') : String(round(n, n < 10 ? 2 : 1)));

/** Per-operation latencies in ms → {rate/s over the wall time, p50, p95, mean}. */
export interface Lat {
  rate: number;
  p50: number;
  p95: number;
  mean: number;
  n: number;
}
export function stats(samples: number[], wallMs: number): Lat {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
  return {
    rate: (samples.length * 1000) / wallMs, p50: at(0.5), p95: at(0.95),
    mean: s.reduce((a, b) => a + b, 0) / (s.length || 1), n: samples.length,
  };
}
export const latNote = (l: Lat) => `p50 ${fmt(l.p50)} ms, p95 ${fmt(l.p95)} ms (n=${l.n})`;

/** Runs `n` calls of `fn`, `concurrency` at a time, pushing each call's latency to `samples`. */
async function pool(n: number, concurrency: number, fn: (i: number) => Promise<unknown>, samples: number[]): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(n, concurrency) }, async () => {
    while (next < n) {
      const i = next++;
      const t = performance.now();
      await fn(i);
      samples.push(performance.now() - t);
    }
  }));
}

export async function timed(n: number, concurrency: number, fn: (i: number) => Promise<unknown>): Promise<Lat> {
  const samples: number[] = [];
  const t0 = performance.now();
  await pool(n, concurrency, fn, samples);
  return stats(samples, performance.now() - t0);
}

export interface Op {
  n: number;
  fn: (i: number) => Promise<unknown>;
  concurrency?: number;
}

/**
 * Runs the ops in alternating rounds (a slice of each per round), so that a figure and its
 * baseline see the same machine load even when other work shares the cores.
 */
export async function interleaved<K extends string>(rounds: number, ops: Record<K, Op>): Promise<Record<K, Lat>> {
  const keys = Object.keys(ops) as K[];
  const acc = new Map(keys.map((k) => [k, { samples: [] as number[], wall: 0, done: 0 }]));
  for (let r = 1; r <= rounds; r++) {
    for (const k of keys) {
      const op = ops[k];
      const a = acc.get(k)!;
      const upto = Math.round((op.n * r) / rounds);
      const from = a.done;
      const t0 = performance.now();
      await pool(upto - from, op.concurrency ?? 1, (j) => op.fn(from + j), a.samples);
      a.wall += performance.now() - t0;
      a.done = upto;
    }
  }
  return Object.fromEntries(keys.map((k) => [k, stats(acc.get(k)!.samples, acc.get(k)!.wall)])) as Record<K, Lat>;
}

/** heapUsed and RSS in MB after full collections (run.ts makes sure gc is exposed). */
export function memoryMb(): { heap: number; rss: number } {
  const gc = (globalThis as { gc?: () => void }).gc;
  for (let i = 0; i < 3; i++) gc?.();
  const m = process.memoryUsage();
  return { heap: m.heapUsed / 2 ** 20, rss: m.rss / 2 ** 20 };
}

/** The shipped Hainan supervision diagram (processes/hainan/supervision.bpmn): what users run. */
export const HAINAN_XML = readFileSync(path.join(import.meta.dirname, '../../processes/hainan/supervision.bpmn'), 'utf8');
/** 海南高院 审查人员: opens cases and reviews the complaint (the first task). */
export const ACTOR: Actor = { username: 'hi-gy-shencha', court: 'hi-gy', roles: ['审查人员'] };
/** 海南高院 承办人: issues the 督办函 (the second task). */
export const LETTER_ACTOR: Actor = { username: 'hi-gy-chengban', court: 'hi-gy', roles: ['承办人'] };
export const START_INPUT = {
  process: 'hainanSupervision', supervisingCourt: 'hi-gy', supervisedCourt: 'hi-hk-zy',
  data: { enforcementCaseNo: '（2026）琼01执123号', source: '本院申诉信访系统录入交办', complaintReceivedAt: '2026-03-02' },
};
/** The review that sends a 督办函 (reviewComplaint → issueSupervisionLetter). */
export const REVIEW = sample('hainan/reviewComplaint', { decision: '督办' });
export const LETTER = sample('hainan/supervisionLetter', { reportPeriod: 15 });
/** A Monday morning in Beijing. */
export const T0 = new Date('2026-03-02T01:00:00Z');

export interface BenchPlatform {
  platform: Platform;
  dataDir: string;
  /** Shuts the platform down and keeps its data (a restart follows). */
  stop(): Promise<void>;
  close(): Promise<void>;
}

/** The real platform (embedded store in process unless `mongodbUri`), shipped packages installed. */
export async function benchPlatform(mongodbUri?: string, dataDir?: string): Promise<BenchPlatform> {
  dataDir ??= await mkdtemp(path.join(tmpdir(), 'duban-bench-'));
  const config = loadConfig({
    DATA_DIR: dataDir, LOG_LEVEL: 'silent', DUBAN_CLOCK: 'manual', DUBAN_SEED_PASSWORD: 'bench-password-2026', DUBAN_DEMO: 'open',
    ...(mongodbUri ? { MONGODB_URI: mongodbUri } : {}),
  });
  const platform = await createPlatform(config, createLogger('silent'), {
    schedulerPollMs: false, seed: true, auth: { hashParams: { memoryCost: 256, timeCost: 1, parallelism: 1 } },
    formsDirs: [SHIPPED_FORMS_DIR], // with the shipped packages (processes/ + forms/), as npm start installs them
  });
  await platform.clock.set(T0);
  return {
    platform,
    dataDir,
    stop: () => platform.shutdown(),
    async close() {
      await platform.shutdown();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
