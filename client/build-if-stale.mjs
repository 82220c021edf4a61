// `npm start` builds the browser client when client/dist is missing or older than its
// sources, so that `npm ci && npm start` serves the whole platform on a fresh clone.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const config = path.join(here, 'vite.config.ts');
const built = path.join(here, 'dist', 'index.html');

function newest(p) {
  const s = statSync(p);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(0, ...readdirSync(p).map((n) => newest(path.join(p, n))));
}

if (!existsSync(config)) process.exit(0); // no client in this checkout
// The Form.io messages are shared with the server (server/forms/messages.zh.json).
const sources = ['src', 'index.html', 'vite.config.ts', 'public', '../server/forms/messages.zh.json']
  .map((n) => path.join(here, n))
  .filter(existsSync);
if (existsSync(built) && statSync(built).mtimeMs >= Math.max(...sources.map(newest))) process.exit(0);
console.log('正在构建浏览器端（首次启动或源文件已更新）…');
execFileSync(process.execPath, [path.join(here, '..', 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', config, '--logLevel', 'warn'], {
  stdio: 'inherit',
  cwd: path.join(here, '..'),
  // Always the production build: run from vitest (NODE_ENV=test) vite would otherwise bundle
  // Vue's development build (about 50 KB more, and not what users get).
  env: { ...process.env, NODE_ENV: 'production' },
});
