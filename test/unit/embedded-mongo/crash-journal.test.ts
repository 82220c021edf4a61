// kill -9 at random moments while appends (and snapshots) are in flight: every acknowledged
// record must be there after the restart. This drives the durability layer directly; the
// wire-level version (crash.test.ts) does the same through the driver.
import { afterAll, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDurability } from '../../../server/embedded-mongo/store/durability';

const FIXTURE = path.join(import.meta.dirname, 'fixtures/durability-child.ts');
const dir = mkdtempSync(path.join(os.tmpdir(), 'duban-crash-j-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the writer child, SIGKILLs it `delay` ms after it is ready; returns the acknowledged ids. */
function round(first: number, delay: number): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE, 'write', dir, String(first)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const acked: number[] = [];
    let rest = '';
    child.stdout.on('data', (b: Buffer) => {
      const lines = (rest + b.toString()).split('\n');
      rest = lines.pop()!;
      for (const line of lines) {
        if (line === 'READY') setTimeout(() => child.kill('SIGKILL'), delay);
        else if (line.startsWith('ACK ')) acked.push(Number(line.slice(4)));
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve(acked) : reject(new Error(`child exited ${code}`))));
  });
}

it('keeps every acknowledged append across 6 random kill -9', { timeout: 40_000 }, async () => {
  const all = new Set<number>();
  let first = 1;
  for (let i = 0; i < 6; i++) {
    const acked = await round(first, 50 + Math.floor(Math.random() * 350));
    expect(acked.length).toBeGreaterThan(0);
    acked.forEach((id) => all.add(id));
    first += 1_000_000; // ids never collide across rounds
    const d = openDurability(dir, { logger: { info() {}, warn() {} } });
    const { snapshot, records } = await d.open(); // the dead child's lock is taken over
    await d.close();
    const present = new Set<unknown>();
    for (const c of snapshot) for (const doc of c.docs) present.add(doc._id);
    for (const r of records) if (r.t === 'put') present.add(r.doc._id);
    const missing = [...all].filter((id) => !present.has(id));
    expect(missing, `round ${i}: acknowledged but lost`).toEqual([]);
  }
});
