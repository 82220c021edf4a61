// `npm start`'s supervisor: runs server/main.ts in a child process and starts it again when it
// dies of anything but a requested stop (an uncaught error exits 70, the kernel's OOM killer
// sends SIGKILL). Back-off doubles from 1 s to 30 s while the child keeps dying within a minute
// of its start, so a broken configuration does not spin. SIGTERM/SIGINT are passed on and the
// supervisor exits with the child's code. One child: the embedded store's data directory allows
// one process (server/embedded-mongo/store lock), and the lock is free as soon as the child is
// dead, even before it is reaped. Under systemd use the unit in README instead (Restart=always).
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const MAIN = path.join(import.meta.dirname, 'main.ts');
const CONFIG_ERROR = 78; // main.ts: invalid configuration — restarting cannot help

let child: ChildProcess | undefined;
let stopping = false;
let delay = 1000;

function start() {
  const startedAt = Date.now();
  child = fork(MAIN, process.argv.slice(2), { stdio: 'inherit' });
  child.on('exit', (code, signal) => {
    child = undefined;
    if (stopping) process.exit(code ?? 0);
    if (code === CONFIG_ERROR || code === 0) process.exit(code);
    if (Date.now() - startedAt > 60_000) delay = 1000;
    const line = { level: 50, time: new Date().toISOString(), service: 'duban', msg: '平台进程意外退出，即将重启', code, signal, restartInMs: delay };
    console.error(JSON.stringify(line));
    setTimeout(start, delay);
    delay = Math.min(delay * 2, 30_000);
  });
}

for (const sig of ['SIGTERM', 'SIGINT'] as const) {
  process.on(sig, () => {
    stopping = true;
    if (child) child.kill(sig);
    else process.exit(0);
  });
}
start();
