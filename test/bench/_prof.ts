import { mkdtempSync, readFileSync } from 'node:fs';
import { loadConfig } from '../../server/config';
import { createLogger } from '../../server/logger';
import { createPlatform } from '../../server/platform/createPlatform';
const dir = mkdtempSync('/tmp/duban-bench-');
const config = loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent', DUBAN_CLOCK: 'manual', DUBAN_SEED_PASSWORD: 'bench-password-1' });
const p = await createPlatform(config, createLogger('silent'), { schedulerPollMs: false, seed: true, auth: { hashParams: { memoryCost: 256, timeCost: 1, parallelism: 1 } } });
const actor = { username: 'hi-gy-chengban', court: 'hi-gy', roles: ['承办人'] };
const xml = readFileSync('test/bench/fixtures/report-supervision.bpmn', 'utf8');
await p.services.definitions.deploy('bench', xml, actor);
await p.clock.set(new Date('2026-03-02T01:00:00Z'));
const input = { process: 'reportSupervision', supervisingCourt: 'hi-gy', supervisedCourt: 'hi-hk-zy', data: { enforcementCaseNo: 'x', source: '来信' } };
const mode = process.argv[2];
const ids: any[] = [];
for (let i = 0; i < 600; i++) ids.push(await p.services.cases.start(input, actor));
if (mode === 'complete') for (let i = 0; i < 600; i++) await p.services.tasks.complete(ids[i].openTasks[0].id, { result: '已执结' }, actor);
if (mode === 'fire') { await p.clock.set(new Date(+ids[0].timers[1].dueAt - 1000)); await p.services.scheduler.fireDue(); }
await p.shutdown();
