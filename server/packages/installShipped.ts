// On start, the packages that ship with the platform (processes/<id>/ + forms/<id>/) are
// validated exactly like an uploaded zip, then installed and published — once per edition
// (manifest.version), so restarts change nothing and an administrator's later parameter
// changes are kept. A shipped package that fails is logged with its problems and skipped:
// start-up never fails because of a package.
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../http/errors';
import { SYSTEM_ACTOR } from '../http/actor';
import type { PackagesDeps } from './deps';
import { manifestFields } from './manifest.schema';
import type { PackagesService } from './packages.service';
import type { PackageFiles, PackageProblem } from './types';
import { ZIP_LIMITS } from './zip.read';

export interface ShippedSummary {
  installed: { id: string; version: number }[];
  skipped: { id: string; reason: string }[];
  failed: { id: string; problems: PackageProblem[] }[];
}

async function entries(dir: string) {
  return readdir(dir, { withFileTypes: true }).catch(() => []);
}

/** The files of a shipped package under the names they have inside a zip. */
export async function collectShipped(rootDir: string, id: string) {
  const files: PackageFiles = new Map();
  const dirs: string[] = [];
  const problems: PackageProblem[] = [];
  let total = 0;
  const take = async (full: string, name: string) => {
    const size = (await stat(full)).size;
    total += size;
    if (size > ZIP_LIMITS.maxFileBytes) problems.push({ file: name, code: 'FILE_TOO_LARGE', message: `「${name}」超过单个文件上限` });
    else if (total > ZIP_LIMITS.maxTotalBytes) problems.push({ file: name, code: 'ZIP_TOO_LARGE', message: '程序包总大小超过上限' });
    else files.set(name, await readFile(full));
  };
  const processDir = path.join(rootDir, 'processes', id);
  for (const e of await entries(processDir)) {
    const full = path.join(processDir, e.name);
    if (e.name === 'templates' && e.isDirectory()) {
      // Document templates: processes/<id>/templates/*.docx, as templates/ inside a zip.
      for (const t of await entries(full)) {
        if (t.isDirectory() || t.isSymbolicLink()) dirs.push(`templates/${t.name}/`);
        else await take(path.join(full, t.name), `templates/${t.name}`);
      }
      continue;
    }
    if (e.isDirectory() || e.isSymbolicLink()) dirs.push(`${e.name}/`);
    else await take(full, e.name.endsWith('.bpmn') ? `processes/${e.name}` : e.name);
  }
  const formDir = path.join(rootDir, 'forms', id);
  for (const e of await entries(formDir)) {
    if (e.isDirectory() || e.isSymbolicLink()) dirs.push(`forms/${e.name}/`);
    else await take(path.join(formDir, e.name), `forms/${e.name}`);
  }
  return { files, dirs, problems };
}

export async function installShipped(deps: PackagesDeps, service: PackagesService, rootDir: string): Promise<ShippedSummary> {
  const summary: ShippedSummary = { installed: [], skipped: [], failed: [] };
  for (const e of await entries(path.join(rootDir, 'processes'))) {
    if (!e.isDirectory()) continue;
    const id = e.name;
    try {
      const source = await collectShipped(rootDir, id);
      if (!source.files.has('manifest.json')) continue;
      const { edition, manifestId } = readManifest(source.files.get('manifest.json')!);
      if (manifestId !== undefined && manifestId !== id) {
        // Its forms are looked for in forms/<directory>/: the id must name the directory.
        source.problems.push({ file: 'manifest.json', field: 'id', code: 'ID_MISMATCH', message: `processes/${id}/manifest.json 的 id 为「${manifestId}」，应与目录名「${id}」一致` });
      }
      const existing = edition !== undefined ? await deps.repo.findEdition(id, edition) : null;
      // A shipped draft left by a failed publish is published now; anything else stays as it is.
      const retry = existing?.status === 'draft' && existing.source === 'shipped';
      if (existing && !retry) {
        summary.skipped.push({ id, reason: `版次 ${edition} 已安装` });
        continue;
      }
      const imported = retry ? { package: { version: existing.version }, warnings: [] } : await service.importFiles(source, SYSTEM_ACTOR, 'shipped');
      if ('unchanged' in imported && imported.unchanged) {
        summary.skipped.push({ id, reason: '相同内容已安装' });
        continue;
      }
      const published = await service.publish(id, imported.package.version, SYSTEM_ACTOR);
      summary.installed.push({ id, version: published.version });
      deps.logger.info({ packageId: id, version: published.version, warnings: imported.warnings.length }, 'shipped package installed');
    } catch (err) {
      // Another server process is installing the same package right now (several started at once).
      if (err instanceof AppError && err.status === 409 && !err.details.length) {
        summary.skipped.push({ id, reason: err.message });
        deps.logger.warn({ packageId: id }, err.message);
        continue;
      }
      const problems = err instanceof AppError && err.details.length
        ? (err.details as PackageProblem[])
        : [{ code: 'INSTALL_FAILED', message: err instanceof AppError ? err.message : `安装失败：${(err as Error).message}` }];
      summary.failed.push({ id, problems });
      deps.logger.error({ packageId: id, problems }, `随平台提供的程序包「${id}」未安装：${problems.length} 处问题`);
    }
  }
  return summary;
}

/** manifest id and version as written, when the manifest can be read at all (else validation reports it). */
function readManifest(manifest: Buffer): { edition?: string; manifestId?: string } {
  try {
    const raw = JSON.parse(manifest.toString('utf8').replace(/^\uFEFF/, '')) as { id?: unknown; version?: unknown };
    const version = manifestFields.version.safeParse(raw.version);
    return {
      ...(version.success ? { edition: String(version.data) } : {}),
      ...(typeof raw.id === 'string' ? { manifestId: raw.id } : {}),
    };
  } catch {
    return {};
  }
}
