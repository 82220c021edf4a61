// Once per e2e run, before any file: the client built (if stale), and one data directory seeded
// the way the platform's first start seeds it (courts, demo accounts, shipped forms and
// packages). Every file's platform starts on its own copy of it, so the per-file cost is a
// restart, not a first start with seeding and package installation (about half the start on
// this machine). First-start seeding itself is covered by test/api (auth.seed,
// packages.shipped) and test/scenarios (restart, supervise).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startChildPlatform } from '../helpers/childPlatform';
import { buildClientIfStale, seedEnv } from './harness';

export default async function setup(project: TestProject) {
  buildClientIfStale();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'duban-e2e-template-'));
  const platform = await startChildPlatform(seedEnv(dir));
  platform.child.kill('SIGTERM'); // a graceful stop: the store writes its snapshot
  const code = await platform.exited;
  if (code !== 0) throw new Error(`e2e template platform did not stop cleanly (${code}):\n${platform.output().slice(-4000)}`);
  project.provide('e2eTemplateDir', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
