// The court tree shipped in seeds/courts/*.json (one file per province, plus 最高人民法院).
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CourtInput } from './courts.types';

export const SEED_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../seeds/courts');

interface SeedFile {
  province: string | null;
  courts: (Omit<CourtInput, 'province' | 'parent'> & { parent?: string | null; province?: string | null })[];
}

/** Every seed court, the file's province filled in where a court does not name its own. */
export async function loadSeedCourts(dir = SEED_DIR): Promise<CourtInput[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  const courts: CourtInput[] = [];
  for (const file of files) {
    const seed = JSON.parse(await readFile(path.join(dir, file), 'utf8')) as SeedFile;
    for (const c of seed.courts) {
      courts.push({ ...c, parent: c.parent ?? null, province: c.province !== undefined ? c.province : seed.province });
    }
  }
  return courts;
}
