// Publishing a draft: forms first (a deploy pins the form revisions its tasks use), then every
// diagram. There are no transactions, so the version is claimed by a guarded update; if a step
// fails the claim is released and publishing again is safe: an identical form is not saved
// twice and an identical diagram is not deployed twice.
import type { Actor } from '../http/actor';
import { conflict, notFound } from '../http/errors';
import type { PackagesDeps } from './deps';
import { validationContext } from './deps';
import type { PackageDoc } from './package.model';
import { contentOf, type StoredContent } from './packageContent';

const ABANDONED_AFTER_MS = 5 * 60_000;

export async function publishPackage(deps: PackagesDeps, packageId: string, version: number | undefined, actor: Actor): Promise<PackageDoc> {
  const { repo, clock } = deps;
  const target = version !== undefined ? await repo.findVersion(packageId, version) : await repo.findLatest(packageId, 'draft');
  if (!target) {
    if (version === undefined && (await repo.findLatest(packageId))) throw conflict(`程序包「${packageId}」没有待发布的草稿`);
    throw notFound(`程序包「${packageId}」${version !== undefined ? `的版本 ${version} ` : ''}不存在`);
  }
  // A draft older than the live version (say, imported before a parameter change) would undo
  // what was published since: it must be imported again on top of the live version.
  const live = await repo.findLive(packageId);
  if (live && live.version > target.version) {
    throw conflict(`草稿（版本 ${target.version}）早于现行版本 ${live.version}，发布会撤销其后的修改：请导出现行版本、修改后重新导入`);
  }
  const now = clock.now();
  const claimed = await repo.claimForPublishing(packageId, target.version, now, new Date(now.getTime() - ABANDONED_AFTER_MS));
  if (!claimed) {
    const why = target.status === 'draft' || target.status === 'publishing' ? '正在由他人发布' : '已发布过';
    throw conflict(`程序包「${packageId}」版本 ${target.version} ${why}，未重复发布`);
  }
  try {
    const content = contentOf(claimed);
    await assertProcessesFree(deps, packageId, content);
    const formRevisions = await saveForms(deps, content, actor);
    const deployed = [];
    for (const d of content.diagrams) {
      const r = await deps.definitions.deploy(packageId, d.xml, actor);
      deployed.push({ key: r.key, version: r.version });
    }
    await repo.markPublished(packageId, claimed.version, { publishedAt: clock.now(), publishedBy: actor.username, deployed, formRevisions });
    if (content.manifest.supersedes) await repo.markSuperseded(content.manifest.supersedes);
    deps.logger.info({ packageId, version: claimed.version, deployed, by: actor.username }, 'package published');
    return (await repo.findVersion(packageId, claimed.version))!;
  } catch (err) {
    await repo.releaseClaim(packageId, claimed.version, (err as Error).message);
    throw err;
  }
}

/** Another package may have deployed one of our process keys since this draft was imported. */
async function assertProcessesFree(deps: PackagesDeps, packageId: string, content: StoredContent): Promise<void> {
  const ctx = validationContext(deps);
  const taken = [];
  for (const d of content.diagrams) {
    const owner = await ctx.processOwner(d.key);
    if (owner && owner !== packageId) taken.push({ file: d.path, element: d.key, message: `流程 key「${d.key}」已由程序包「${owner}」部署` });
  }
  if (taken.length) throw conflict('流程 key 已被其他程序包占用，未发布', taken);
}

/** Each form's revision; FormsService makes no new revision for a form equal to the latest. */
export async function saveForms(deps: PackagesDeps, content: StoredContent, actor: Actor) {
  const out = [];
  for (const f of content.forms) {
    const saved = await deps.forms.saveRevision(f.key, f.schema, actor);
    out.push({ key: saved.key, revision: saved.revision });
  }
  return out;
}
