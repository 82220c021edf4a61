// Offline check of a package, without a database: the import validation a province or a
// modeller can run before uploading. Checks against the platform's contents (id of another
// province, process keys of other packages, forms of other packages) need the platform itself.
//   npx tsx server/packages/check.ts processes/hainan      (a shipped package: processes/<id>/ + forms/<id>/)
//   npx tsx server/packages/check.ts hainan.zip
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { FormsService } from '../forms';
import { collectShipped } from './installShipped';
import { validatePackage } from './validatePackage';
import { readZip } from './zip.read';

async function main(target: string | undefined): Promise<number> {
  if (!target) {
    console.error('用法：npx tsx server/packages/check.ts <程序包.zip | processes/<id>>');
    return 2;
  }
  const source = target.endsWith('.zip')
    ? await readZip(await readFile(target))
    : await collectShipped(path.resolve(target, '..', '..'), path.basename(path.resolve(target)));
  const forms = new FormsService({} as never); // checkSchema is pure; nothing is stored
  const r = await validatePackage(source, {
    forms: { checkSchema: (s) => forms.checkSchema(s), latest: async () => null },
    provinceOf: async () => undefined,
    processOwner: async () => undefined,
  });
  for (const p of r.problems) console.log(`问题  ${[p.file, p.element, p.line && `第 ${p.line} 行`].filter(Boolean).join(' ')}  ${p.message}`);
  for (const p of r.warnings) console.log(`警告  ${[p.file, p.element].filter(Boolean).join(' ')}  ${p.message}`);
  console.log(r.problems.length ? `${r.problems.length} 处问题，不能导入` : `可以导入（${r.warnings.length} 条警告）`);
  return r.problems.length ? 1 : 0;
}

process.exitCode = await main(process.argv[2]);
