// Starts the platform from another entry file than server/main.ts (same output contract as
// test/helpers/childPlatform.ts: it prints http://localhost:<port> when listening).
import { spawn } from 'node:child_process';
import path from 'node:path';
import type { ChildPlatform } from '../helpers/childPlatform';

export async function startPlatformFrom(main: string, env: Record<string, string>): Promise<ChildPlatform> {
  const child = spawn(process.execPath, ['--import', 'tsx', main], {
    cwd: path.resolve(import.meta.dirname, '../..'),
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`platform did not start:\n${out}`)), 180_000); // generous: a busy machine installs the shipped packages slowly
    child.stdout!.on('data', () => {
      const m = /http:\/\/localhost:(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${m[1]}`);
      }
    });
    child.on('exit', () => reject(new Error(`platform exited during start:\n${out}`)));
  });
  return { child, url, output: () => out, exited };
}
