// Once per `vitest run`, before any file: two data directories seeded by a first start — the
// default seeding (courts, demo accounts, shipped + test forms), and the same with the shipped
// packages installed and published. A test platform whose options fit one of them
// (templateFor in test/api/helpers/testPlatform.ts) starts on a copy: its start is a restart,
// which on this machine is a fraction of seeding and installing every shipped package again in
// each of ~60 files. First-start seeding itself stays covered where it is the subject
// (auth.seed, packages.shipped, restart, supervise; all seed for themselves).
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { seedTemplate } from './api/helpers/testPlatform';

export default async function setup(project: TestProject) {
  if (process.env.MONGODB_URI) return; // each test file gets a fresh database on that server instead
  const base = await mkdtemp(path.join(os.tmpdir(), 'duban-template-base-'));
  const shipped = await mkdtemp(path.join(os.tmpdir(), 'duban-template-shipped-'));
  await Promise.all([seedTemplate(base, 'base'), seedTemplate(shipped, 'shipped')]);
  project.provide('platformTemplates', { base, shipped });
  return async () => {
    await rm(base, { recursive: true, force: true });
    await rm(shipped, { recursive: true, force: true });
  };
}
