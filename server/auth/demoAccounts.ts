// Demo accounts for every role at several courts (seeds/demo-accounts.json), created on first
// start and never touched afterwards. With DUBAN_SEED_PASSWORD they all get it; otherwise each
// gets a random password, listed in DATA_DIR/demo-accounts.txt (0600) for the operator.
import { randomBytes, randomInt } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from '../logger';
import { passwordProblems, type PasswordHasher } from './password';
import type { Role } from './roles';
import type { UsersRepository } from './users.repository';

export const DEMO_ACCOUNTS_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../seeds/demo-accounts.json');

export interface DemoAccount {
  username: string;
  name: string;
  court: string;
  roles: Role[];
}

export async function loadDemoAccounts(file = DEMO_ACCOUNTS_FILE): Promise<DemoAccount[]> {
  return JSON.parse(await readFile(file, 'utf8')) as DemoAccount[];
}

/** A password that satisfies the policy: 16 random base64url characters plus a letter and a digit. */
export function randomPassword(username: string): string {
  for (;;) {
    const candidate = `${randomBytes(12).toString('base64url')}k${randomInt(10)}`;
    if (passwordProblems(candidate, username).length === 0) return candidate;
  }
}

export async function seedDemoAccounts(
  deps: { users: UsersRepository; hasher: PasswordHasher; logger: Logger },
  opts: { seedPassword?: string; dataDir: string; accounts?: DemoAccount[]; mustChangePassword?: boolean },
): Promise<{ created: string[] }> {
  const accounts = opts.accounts ?? (await loadDemoAccounts());
  const existing = await deps.users.existingUsernames(accounts.map((a) => a.username));
  const missing = accounts.filter((a) => !existing.has(a.username));
  if (missing.length === 0) return { created: [] };

  const lines: string[] = [];
  const sharedHash = opts.seedPassword ? await deps.hasher.hash(opts.seedPassword) : undefined;
  for (const account of missing) {
    if (opts.seedPassword && passwordProblems(opts.seedPassword, account.username).length) {
      deps.logger.warn({ username: account.username }, 'DUBAN_SEED_PASSWORD 不符合密码规则，仅可用于演示环境');
    }
    const password = opts.seedPassword ?? randomPassword(account.username);
    const passwordHash = sharedHash ?? (await deps.hasher.hash(password));
    await deps.users.insertUser({ ...account, passwordHash, mustChangePassword: !!opts.mustChangePassword });
    lines.push(`${account.username}\t${password}\t${account.court}\t${account.roles.join(',')}`);
  }
  if (!opts.seedPassword) {
    const file = path.join(opts.dataDir, 'demo-accounts.txt');
    await mkdir(opts.dataDir, { recursive: true });
    const header = `# 演示账户（${new Date().toISOString()} 创建）：用户名\t密码\t法院\t角色。请登录后修改密码，并删除本文件。\n`;
    await writeFile(file, header + lines.join('\n') + '\n', { mode: 0o600, flag: 'a' });
    await chmod(file, 0o600); // an existing file keeps its old mode on append
    deps.logger.warn({ file, count: missing.length }, '已创建演示账户，随机密码见 demo-accounts.txt');
  } else {
    deps.logger.info({ count: missing.length }, '已创建演示账户（密码为 DUBAN_SEED_PASSWORD）');
  }
  return { created: missing.map((a) => a.username) };
}
