// Seeding forms shipped with the platform or a package: `<dir>/<package-id>/<form>.json` is
// saved as `<package-id>/<form>` under the same policy as an administrator's save. Idempotent:
// a file whose content was ever a revision of that form makes no new revision (so an
// administrator's later revision survives restarts; a file changed by a release is applied).
// A file that breaks the policy is reported (and not stored); the others are still seeded.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../http/errors';
import type { Actor } from '../http/actor';
import type { FormsService } from './forms.service';

export interface SeedResult {
  created: { key: string; revision: number }[];
  unchanged: string[];
  problems: { file: string; field?: string; message: string }[];
}

export async function seedFormsFrom(service: FormsService, dir: string, actor: Pick<Actor, 'username'>): Promise<SeedResult> {
  const result: SeedResult = { created: [], unchanged: [], problems: [] };
  for (const pkg of await entries(dir)) {
    if (!pkg.isDirectory()) continue;
    for (const file of await entries(path.join(dir, pkg.name))) {
      if (!file.isFile() || !file.name.endsWith('.json')) continue;
      const rel = `${pkg.name}/${file.name}`;
      const key = `${pkg.name}/${file.name.slice(0, -'.json'.length)}`;
      try {
        const schema = JSON.parse(await readFile(path.join(dir, rel), 'utf8'));
        const saved = await service.saveRevision(key, schema, actor, { ifNeverSaved: true });
        if (saved.unchanged) result.unchanged.push(key);
        else result.created.push({ key, revision: saved.revision });
      } catch (err) {
        if (err instanceof AppError) {
          for (const d of err.details.length ? err.details : [{ message: err.message }]) {
            result.problems.push({ file: rel, field: d.field, message: d.message });
          }
        } else if (err instanceof SyntaxError) result.problems.push({ file: rel, message: `不是合法的 JSON：${err.message}` });
        else throw err;
      }
    }
  }
  return result;
}

/** Standalone form of FormsService.seedForms for callers holding only the service. */
export const seedForms = (service: FormsService, dir: string, actor?: Pick<Actor, 'username'>) =>
  service.seedForms(dir, actor);

async function entries(dir: string) {
  try {
    return (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}
