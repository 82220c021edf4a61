// Piscina loads this file in each engine thread. The server is TypeScript run through tsx, and
// a worker thread does not inherit the loader that `tsx` set up in the main thread (nor does it
// exist under other runners such as vitest), so the worker module is imported through a
// scoped tsx registration of its own.
import { register } from 'tsx/esm/api';

const tsx = register({ namespace: 'duban-engine-worker' });
const { runInWorker } = await tsx.import('./worker.ts', import.meta.url);
export default runInWorker;
