// First start without DUBAN_SEED_PASSWORD: random demo passwords in DATA_DIR/demo-accounts.txt
// (0600), a generated session secret in DATA_DIR/session-secret (0600), both kept on restart.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuth } from '../../server/auth';
import { loadDemoAccounts } from '../../server/auth/demoAccounts';
import { createApp } from '../../server/http/app';
import { createLogger } from '../../server/logger';
import { startTestPlatform, TEST_HASH_PARAMS, type TestPlatform } from './helpers/testPlatform';

let p: TestPlatform;
let passwords = new Map<string, string>();
beforeAll(async () => {
  p = await startTestPlatform({ env: { DUBAN_SEED_PASSWORD: undefined } });
});
afterAll(() => p?.close());

const mode = async (file: string) => (await stat(file)).mode & 0o777;

describe('demo accounts with random passwords', () => {
  it('writes every account once to a 0600 file, and the passwords work', async () => {
    const file = path.join(p.dataDir, 'demo-accounts.txt');
    expect(await mode(file)).toBe(0o600);
    const lines = (await readFile(file, 'utf8')).split('\n').filter((l) => l && !l.startsWith('#'));
    const accounts = await loadDemoAccounts();
    expect(lines).toHaveLength(accounts.length);
    passwords = new Map(lines.map((l) => l.split('\t') as [string, string]).map(([u, pw]) => [u, pw]));
    expect(new Set(passwords.values()).size).toBe(accounts.length);
    const admin = await p.login('admin', passwords.get('admin')!);
    expect(admin.user.roles).toEqual(expect.arrayContaining(['流程管理员', '系统管理员']));
    expect(admin.user.court).toBe('hi-gy');
  });

  it('is idempotent: a second seed creates nobody and leaves the file alone', async () => {
    const file = path.join(p.dataDir, 'demo-accounts.txt');
    const before = await readFile(file, 'utf8');
    const count = await p.db.connection.collection('users').countDocuments();
    await p.auth.seed();
    expect(await readFile(file, 'utf8')).toBe(before);
    expect(await p.db.connection.collection('users').countDocuments()).toBe(count);
  });

  it('never stores a password in clear: argon2id hashes only', async () => {
    const users = await p.db.connection.collection('users').find({}).toArray();
    expect(users.every((u) => String(u.passwordHash).startsWith('$argon2id$'))).toBe(true);
  });
});

describe('session secret', () => {
  it('is generated once into DATA_DIR/session-secret (0600) and reused by the next start', async () => {
    const file = path.join(p.dataDir, 'session-secret');
    expect(await mode(file)).toBe(0o600);
    const secret = await readFile(file, 'utf8');
    // A "restart": a second auth on the same data directory signs the same cookies.
    const login = await p.request().post('/api/session').send({ username: 'admin', password: passwords.get('admin') });
    const cookie = String(login.headers['set-cookie']).split(';')[0];
    const again = await createAuth({ connection: p.db.connection, config: p.config, logger: createLogger('silent'), hashParams: TEST_HASH_PARAMS });
    const restarted = createApp({ logger: createLogger('silent'), apiRoutes: again.apiRoutes() });
    expect((await supertest(restarted).get('/api/me').set('Cookie', cookie)).status).toBe(200);
    expect(await readFile(file, 'utf8')).toBe(secret);
  });
});
