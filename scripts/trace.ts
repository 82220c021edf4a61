// Writes processes/<id>/TRACE.md from the package and its tests (server/periods/README.md).
//   npm run trace                 every shipped package
//   npm run trace -- hainan       one package
//   npm run trace -- --check      exit 1 if a TRACE.md is not what the package gives (CI)
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { traceOf } from '../server/periods/traceFiles';

const root = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const check = args.includes('--check');
const ids = args.filter((a) => !a.startsWith('--'));
const all = (await readdir(path.join(root, 'processes'), { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
let stale = 0;
for (const id of ids.length ? ids : all) {
  const file = path.join(root, 'processes', id, 'TRACE.md');
  const text = await traceOf(root, id);
  const old = await readFile(file, 'utf8').catch(() => '');
  if (old === text) console.log(`${id}: TRACE.md 已是最新`);
  else if (check) {
    stale++;
    console.log(`${id}: TRACE.md 与程序包不符，请运行 npm run trace -- ${id}`);
  } else {
    await writeFile(file, text);
    console.log(`${id}: 已生成 TRACE.md`);
  }
}
process.exitCode = stale ? 1 : 0;
