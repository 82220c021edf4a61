// Publishing a complete set of package files (a draft, or an earlier version published again):
// checked like an import, refused as a no-op when nothing differs from the live version (no new
// version for an unchanged package), then stored as a version and published the usual way.
// The answer says what changed and dry-runs the migration of every process that got a new
// definition version, as 期限一览 does after a parameter change.
import type { Actor } from '../http/actor';
import { unprocessable } from '../http/errors';
import { dryRun } from './changeParameter';
import { validationContext, type PackagesDeps } from './deps';
import { diffPackages } from './diff';
import { sameFiles, toPackageFiles, type StoredFile } from './draftContent';
import type { PackageDoc } from './package.model';
import { contentHash, toStoredFiles } from './packageContent';
import { publishPackage } from './publishPackage';
import { validatePackage } from './validatePackage';

export interface PublishOutcome {
  unchanged: boolean;
  version: number;
  diff?: Awaited<ReturnType<typeof diffPackages>>;
  migrations: Awaited<ReturnType<typeof dryRun>>[];
}

export async function publishFiles(
  deps: PackagesDeps, packageId: string, files: StoredFile[], actor: Actor,
  origin: { source: 'workspace' | 'rollback'; live: PackageDoc | null; rollbackOf?: number },
): Promise<PublishOutcome> {
  const { live } = origin;
  if (live && (await sameFiles(live.files, files))) return { unchanged: true, version: live.version, migrations: [] };
  const { problems, pkg } = await validatePackageFiles(deps, files);
  if (problems.length || !pkg) throw unprocessable(`程序包有 ${problems.length} 处问题，未发布`, problems);
  if (pkg.manifest.id !== packageId) throw unprocessable(`清单中的程序包 id「${pkg.manifest.id}」与「${packageId}」不符`);
  const now = deps.clock.now();
  const version = await deps.repo.nextVersionNumber(packageId);
  await deps.repo.insertVersion({
    packageId, version, status: 'draft', edition: String(pkg.manifest.version), province: pkg.manifest.province, title: pkg.manifest.title,
    hash: contentHash(pkg.files), manifest: pkg.manifest, files: toStoredFiles(pkg.files), source: origin.source, createdAt: now, createdBy: actor.username,
    ...(origin.rollbackOf !== undefined && live ? { change: { fromVersion: live.version, rollbackOf: origin.rollbackOf } } : {}),
  });
  const published = await publishPackage(deps, packageId, version, actor);
  const diff = await diffPackages(live?.files ?? [], published.files);
  const migrations = [];
  for (const d of published.deployed ?? []) {
    const before = live?.deployed?.find((x) => x.key === d.key)?.version;
    if (before !== undefined && before !== d.version) migrations.push(await dryRun(deps, packageId, d.key, d.version, actor.username));
  }
  return { unchanged: false, version: published.version, diff, migrations };
}

function validatePackageFiles(deps: PackagesDeps, files: StoredFile[]) {
  return validatePackage({ files: toPackageFiles(files) }, validationContext(deps));
}
