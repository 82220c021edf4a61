// `npm start`'s supervisor (server/supervise.ts): a worker killed with SIGKILL (what the kernel's
// OOM killer does, or a crash the last line of defence turns into exit 70) is started again on
// the same data directory, with what was acknowledged before the kill; SIGTERM stops both and
// the supervisor exits with the worker's code.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { signIn } from '../helpers/childPlatform';

const ROOT = path.resolve(import.meta.dirname, '../..');
const PASSWORD = 'supervise-test-2026';
let dataDir = '';
afterAll(() => (dataDir ? rm(dataDir, { recursive: true, force: true }) : undefined));

/** The worker's "started" lines (pino JSON from main.ts): its pid and port. */
function starts(out: string) {
  return out.split('\n').filter((l) => l.includes('督办平台已启动')).map((l) => JSON.parse(l) as { pid: number; port: number });
}

it('restarts a worker killed with SIGKILL, keeps its data, and stops on SIGTERM', async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'duban-supervise-'));
  const supervisor = spawn(process.execPath, ['--import', 'tsx', 'server/supervise.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', DATA_DIR: dataDir, DUBAN_DEMO: 'open', DUBAN_SEED_PASSWORD: PASSWORD },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  supervisor.stdout!.on('data', (d) => (out += d));
  supervisor.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => supervisor.on('exit', (code) => resolve(code)));
  try {
    // Generous: the first start seeds and installs the shipped packages on a busy machine.
    await expect.poll(() => starts(out).length, { timeout: 180_000, interval: 200 }).toBe(1);
    const first = starts(out)[0];
    expect(first.pid).not.toBe(supervisor.pid);
    const admin = await signIn(`http://127.0.0.1:${first.port}`, 'admin', PASSWORD);
    const created = await admin.post('/api/users', { username: 'kept-after-kill', name: '重启后仍在', court: 'hi-gy', roles: ['督察'], password: 'Initial-pass-2026' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);

    process.kill(first.pid, 'SIGKILL');
    await expect.poll(() => starts(out).length, { timeout: 180_000, interval: 200 }).toBe(2);
    const second = starts(out)[1];
    expect(second.pid).not.toBe(first.pid);
    expect(out).toContain('平台进程意外退出，即将重启');
    const admin2 = await signIn(`http://127.0.0.1:${second.port}`, 'admin', PASSWORD);
    const kept = await admin2.get('/api/users/kept-after-kill');
    expect(kept.status).toBe(200);
    expect(kept.body.user).toMatchObject({ name: '重启后仍在', court: 'hi-gy' });
  } finally {
    supervisor.kill('SIGTERM');
  }
  expect(await exited).toBe(0); // the worker's graceful shutdown, passed on
  expect(out).toContain('shutdown complete');
}, 420_000);
