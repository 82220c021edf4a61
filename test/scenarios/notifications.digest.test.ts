// The daily digest (每日摘要) through the durable scheduler: once the Beijing day reaches the
// digest hour, one message per person with work, once per day — also when two passes race for
// the day, and across a restart on the same data — and handed to the file channel once.
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startScenario, type Scenario } from './helpers';

// Whole case walks through HTTP: generous limits, the machine is shared.
vi.setConfig({ testTimeout: 180_000 });

let dataDir: string;
let outbox: string;
let s: Scenario | undefined;
beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'duban-digest-'));
  outbox = await mkdtemp(path.join(os.tmpdir(), 'duban-outbox-'));
});
afterAll(async () => {
  await s?.close();
  await rm(dataDir, { recursive: true, force: true });
  await rm(outbox, { recursive: true, force: true });
});

const start = () => startScenario({ dataDir, env: { DUBAN_NOTIFY_CHANNELS: `file:${outbox}`, DUBAN_DIGEST_HOUR: '8' } });

async function digests(username: string) {
  const r = await (await s!.as(username)).get('/api/notifications?pageSize=100');
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return (r.body.items as { kind: string; title: string; body: string }[]).filter((m) => m.kind === '每日摘要');
}

async function outboxLines() {
  const files = (await readdir(outbox)).filter((f) => f.endsWith('.jsonl')).sort();
  const lines = [];
  for (const f of files) lines.push(...(await readFile(path.join(outbox, f), 'utf8')).trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)));
  return lines as { id: string; to: { username: string; name: string; court: string }; kind: string; title: string }[];
}

describe('每日摘要', () => {
  it('fires once per day per person, across racing passes and a restart; the file channel gets each message once', async () => {
    s = await start();
    await s.deploy('report-supervision.bpmn');
    await s.setClock('2026-09-28 07:00');
    const started = await (await s.as('hi-gy-chengban')).post('/api/cases', { process: 'reportSupervision', supervisedCourt: 'hi-hk-zy' });
    expect(started.status, JSON.stringify(started.body)).toBe(201);

    await s.advance('PT30M'); // 07:30 Beijing: before the digest hour
    expect(await digests('hi-hk-chengban')).toEqual([]);

    // Two passes for the same day at once: one claims the day's job, the other writes nothing.
    await s.setClock('2026-09-28 08:30');
    const service = s.p.platform.services.notifications;
    await Promise.all([service.digest('process-a'), service.digest('process-b')]);
    const first = await digests('hi-hk-chengban');
    expect(first).toHaveLength(1);
    expect(first[0].title).toBe('每日摘要（2026年9月28日）');
    expect(first[0].body).toMatch(/^海口中院承办人：待办 1 件/);
    // Nobody without work or unread messages gets one (海南高院督察 has neither).
    expect(await digests('hi-gy-ducha')).toEqual([]);
    await s.advance('PT1H');
    expect(await digests('hi-hk-chengban')).toHaveLength(1);

    await s.close();
    s = await start(); // same data directory: the manual clock and the day's job persist
    await s.advance('PT1H');
    expect(await digests('hi-hk-chengban')).toHaveLength(1);

    await s.setClock('2026-09-29 08:05');
    const both = await digests('hi-hk-chengban');
    expect(both.map((m) => m.title)).toEqual(['每日摘要（2026年9月29日）', '每日摘要（2026年9月28日）']);

    const lines = await outboxLines();
    const mine = lines.filter((l) => l.to.username === 'hi-hk-chengban');
    expect(mine.filter((l) => l.kind === '每日摘要').map((l) => l.title)).toEqual(['每日摘要（2026年9月28日）', '每日摘要（2026年9月29日）']);
    expect(mine.find((l) => l.kind === '新任务')).toMatchObject({ to: { name: '海口中院承办人', court: 'hi-hk-zy' }, title: '新任务：书面报告' });
    expect(new Set(lines.map((l) => l.id)).size).toBe(lines.length);
  });
});
