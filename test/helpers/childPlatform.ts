// The platform as a user starts it (`tsx server/main.ts`) in a child process, so that tests
// can kill it with SIGKILL or SIGTERM and start it again on the same data directory.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import supertest from 'supertest';

const ROOT = path.resolve(import.meta.dirname, '../..');

export interface ChildPlatform {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<number | null>;
}

export async function startChildPlatform(env: Record<string, string>): Promise<ChildPlatform> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', DUBAN_DEMO: 'open', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  // The last 2 MB: a long run (npm run fuzz, the soak) logs every request.
  const keep = (d: Buffer) => void (out = out.length > 4_000_000 ? (out + d).slice(-2_000_000) : out + d);
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    // Generous: on a loaded 2-core machine the first start (seeding, shipped packages) took over 60 s.
    const timer = setTimeout(() => {
      child.kill('SIGKILL'); // never leave a half-started platform behind
      reject(new Error(`platform did not start:\n${out}`));
    }, 180_000);
    const check = () => {
      const m = /http:\/\/localhost:(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        child.stdout!.off('data', check); // the output keeps growing: no regex over all of it per chunk
        resolve(`http://127.0.0.1:${m[1]}`);
      }
    };
    child.stdout!.on('data', check);
    child.on('exit', () => reject(new Error(`platform exited during start:\n${out}`)));
  });
  return { child, url, output: () => out, exited };
}

/** Passwords test users chose at their first sign-in, by platform URL and username. */
const chosen = new Map<string, string>();

/**
 * A signed-in user of a child platform (cookie jar + CSRF token). A user an administrator
 * created must replace the initial password first (server/auth/passwordChangeGate.ts): done
 * here as the user would, and remembered for the next sign-in.
 */
/** The password a user signs in with now (the one chosen at the first sign-in, if any). */
export const currentPassword = (url: string, username: string, password: string) => chosen.get(`${url} ${username} ${password}`) ?? password;

export async function signIn(url: string, username: string, password: string) {
  const agent = supertest.agent(url);
  const given = chosen.get(`${url} ${username} ${password}`) ?? password;
  const r = await agent.post('/api/session').send({ username, password: given });
  if (r.status !== 200) throw new Error(`login failed: ${r.status} ${JSON.stringify(r.body)}`);
  let token = r.body.csrfToken as string;
  if (r.body.user.mustChangePassword) {
    const own = `${given}-own`;
    const changed = await agent.put('/api/me/password').set('X-CSRF-Token', token).send({ currentPassword: given, newPassword: own });
    if (changed.status !== 200) throw new Error(`first password change failed: ${changed.status} ${JSON.stringify(changed.body)}`);
    chosen.set(`${url} ${username} ${password}`, own);
    token = changed.body.csrfToken;
  }
  return {
    get: (u: string) => agent.get(u),
    post: (u: string, body: object = {}) => agent.post(u).set('X-CSRF-Token', token).send(body),
    put: (u: string, body: object = {}) => agent.put(u).set('X-CSRF-Token', token).send(body),
  };
}
