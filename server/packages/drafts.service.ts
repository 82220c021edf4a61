// Drafts on the server (one per package) and the version history: open, save, discard, compare,
// rebase and publish a draft; list the versions with who published them, compare two, publish
// an earlier one again. Who may do it is checked by the routes with the shared scope guard
// (server/auth/scope.ts) against `owned()`: the package's issuing court.
import { AppError, badRequest, conflict, notFound } from '../http/errors';
import type { PackagesDeps } from './deps';
import { diffPackages } from './diff';
import type { DraftDoc } from './draft.model';
import { filesOfWorkspace, parseWorkspace, workspaceOfFiles, type StoredFile } from './draftContent';
import type { DraftsRepository, DraftSummary } from './drafts.repository';
import type { PackageDoc } from './package.model';
import { publishFiles } from './publishFiles';
import { rebaseFiles } from './rebase';
import type { Actor, Owned } from '../http/actor';

export interface DraftsDeps extends PackagesDeps {
  drafts: DraftsRepository;
  nameOf: (username: string) => Promise<string | undefined>;
}

const beijing = (d: Date) => new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }).format(d);

export class DraftsService {
  constructor(private readonly deps: DraftsDeps) {}

  /** 姓名（法院） of an account; the account itself when unknown (e.g. 'system'). */
  private async person(username: string | undefined) {
    if (!username) return null;
    if (username === 'system') return { username, name: '系统' };
    return { username, name: (await this.deps.nameOf(username)) ?? username };
  }

  /**
   * The package as an object of administration: its recorded owner (owners.ts), else the 高院 of
   * the province of its versions, of its draft, or — for a package never on the platform — of
   * the province the draft being saved names. null: nothing to protect (the handler answers 404).
   */
  async owned(packageId: string, province?: string): Promise<Owned | null> {
    const draftProvince = province ?? (await this.deps.drafts.find(packageId))?.province;
    const court = (await this.deps.owners.ownerOf(packageId)) ?? (draftProvince ? await this.deps.scope.provinceIssuer(draftProvince) : undefined);
    return court ? { court, label: `程序包「${packageId}」` } : null;
  }

  private async scoped(packageId: string): Promise<void> {
    if (!(await this.owned(packageId))) throw notFound(`程序包「${packageId}」不存在`);
  }

  private async present(d: DraftDoc | DraftSummary, live: PackageDoc | null) {
    return {
      id: d.packageId,
      province: d.province,
      baseVersion: d.baseVersion,
      liveVersion: live?.version ?? null,
      stale: (live?.version ?? null) !== d.baseVersion,
      revision: d.revision,
      createdAt: d.createdAt,
      updatedAt: d.updatedAt,
      updatedBy: await this.person(d.updatedBy),
      ...('files' in d ? { content: workspaceOfFiles(d.files) } : {}),
    };
  }

  /** The drafts of the packages `mayAdminister` accepts (the routes pass the scope check). */
  async list(mayAdminister: (owned: Owned) => Promise<boolean>) {
    const out = [];
    for (const d of await this.deps.drafts.list()) {
      const owned = await this.owned(d.packageId, d.province);
      if (!owned || !(await mayAdminister(owned))) continue;
      const live = await this.deps.repo.findLive(d.packageId);
      const { content: _c, ...summary } = await this.present(d, live);
      const manifest = (await this.deps.drafts.find(d.packageId))?.files.find((f) => f.path === 'manifest.json');
      let title = d.packageId;
      try {
        title = JSON.parse(manifest?.text ?? '{}').title ?? title;
      } catch { /* shown by id */ }
      out.push({ ...summary, title });
    }
    return out;
  }

  async get(packageId: string) {
    await this.scoped(packageId);
    const d = await this.deps.drafts.find(packageId);
    if (!d) throw notFound(`程序包「${packageId}」没有草稿`);
    return this.present(d, await this.deps.repo.findLive(packageId));
  }

  /** The draft, opened from the live version (or the newest, never published) if there is none. */
  async open(packageId: string, actor: Actor) {
    await this.scoped(packageId);
    const existing = await this.deps.drafts.find(packageId);
    if (existing) return { created: false, draft: await this.present(existing, await this.deps.repo.findLive(packageId)) };
    const live = await this.deps.repo.findLive(packageId);
    const from = live ?? (await this.deps.repo.findLatest(packageId));
    if (!from) throw notFound(`程序包「${packageId}」不存在`);
    const now = this.deps.clock.now();
    const created = await this.deps.drafts.create({
      packageId, province: from.province, baseVersion: live?.version ?? null, files: from.files.map((f) => ({ path: f.path, text: f.text, ...(f.encoding ? { encoding: f.encoding } : {}) })),
      revision: 1, createdAt: now, createdBy: actor.username, updatedAt: now, updatedBy: actor.username,
    });
    const d = created ?? (await this.deps.drafts.find(packageId))!;
    return { created: !!created, draft: await this.present(d, live) };
  }

  /**
   * Saves the browser's content. `revision` is the one the browser last read: a save on top of
   * another administrator's (or another tab's) is refused, 409. Without a draft, one is created:
   * a new package (never on the platform) or a copy kept in a browser, based on `baseVersion`.
   */
  async save(packageId: string, body: { content?: unknown; revision?: unknown; baseVersion?: unknown }, actor: Actor) {
    const content = parseWorkspace(body?.content);
    if (content.manifest.id !== packageId) throw badRequest(`草稿清单中的程序包 id「${String(content.manifest.id)}」与地址中的「${packageId}」不符`, [{ field: 'content.manifest.id', message: '应与程序包 id 相同' }]);
    const existing = await this.deps.drafts.find(packageId);
    const packageProvince = await this.deps.repo.provinceOf(packageId);
    const province = packageProvince ?? existing?.province ?? (typeof content.manifest.province === 'string' ? content.manifest.province.trim() : '');
    if (!province) throw badRequest('请填写省份', [{ field: 'content.manifest.province', message: '必填' }]);
    if (!(await this.owned(packageId, province))) throw notFound(`程序包「${packageId}」不存在`);
    const now = this.deps.clock.now();
    const change = { updatedAt: now, updatedBy: actor.username, updatedByName: actor.name };
    if (existing) {
      if (body.revision !== existing.revision) {
        const who = (await this.person(existing.updatedBy))?.name;
        throw conflict(`草稿已被${who}于 ${beijing(existing.updatedAt)} 修改（第 ${existing.revision} 次保存），您看到的是较早的内容：请重新载入草稿后再改`, [{ field: 'revision', message: '草稿已被他人修改', revision: existing.revision }]);
      }
      const saved = await this.deps.drafts.update(packageId, existing.revision, { ...change, files: filesOfWorkspace(content, existing.files) });
      if (!saved) throw conflict('草稿刚被他人修改：请重新载入草稿后再改');
      return this.present(saved, await this.deps.repo.findLive(packageId));
    }
    const live = await this.deps.repo.findLive(packageId);
    const baseVersion = body.baseVersion === undefined || body.baseVersion === null ? (packageProvince ? live?.version ?? null : null) : Number(body.baseVersion);
    if (baseVersion !== null && (!Number.isInteger(baseVersion) || !(await this.deps.repo.findVersion(packageId, baseVersion)))) {
      throw badRequest(`草稿所基于的版本 ${String(body.baseVersion)} 不存在`, [{ field: 'baseVersion', message: '版本不存在' }]);
    }
    const base = baseVersion !== null ? await this.deps.repo.findVersion(packageId, baseVersion) : null;
    const created = await this.deps.drafts.create({
      packageId, province, baseVersion, files: filesOfWorkspace(content, base?.files ?? []), revision: 1,
      createdAt: now, createdBy: actor.username, ...change,
    });
    if (!created) throw conflict('草稿刚被他人创建：请重新载入草稿后再改');
    return this.present(created, live);
  }

  async discard(packageId: string) {
    await this.scoped(packageId);
    if (!(await this.deps.drafts.remove(packageId))) throw notFound(`程序包「${packageId}」没有草稿`);
  }

  private async draftAndLive(packageId: string) {
    await this.scoped(packageId);
    const draft = await this.deps.drafts.find(packageId);
    if (!draft) throw notFound(`程序包「${packageId}」没有草稿`);
    return { draft, live: await this.deps.repo.findLive(packageId) };
  }

  /** What publishing the draft would change, against the live version. */
  async diff(packageId: string) {
    const { draft, live } = await this.draftAndLive(packageId);
    return { draft: await this.present(draft, live), diff: await diffPackages(live?.files ?? [], draft.files) };
  }

  private staleMessage(draft: DraftDoc, live: PackageDoc | null, person: { name: string } | null) {
    if (!live) return `草稿基于版本 ${draft.baseVersion}，平台上已没有现行版本`;
    const who = person ? `由${person.name}${live.publishedAt ? `于 ${beijing(live.publishedAt)} ` : ''}发布` : '';
    return draft.baseVersion === null
      ? `程序包「${draft.packageId}」已有现行版本 ${live.version}（${who}），草稿不是基于它修改的：请先「合并到现行版本」，核对后再发布`
      : `草稿基于版本 ${draft.baseVersion}，平台现行版本已是 ${live.version}（${who}）。直接发布会撤销其后的修改，已拒绝：请先「合并到现行版本」，核对后再发布`;
  }

  async publish(packageId: string, body: { revision?: unknown }, actor: Actor) {
    const { draft, live } = await this.draftAndLive(packageId);
    if (body?.revision !== undefined && body.revision !== draft.revision) throw conflict('草稿在您查看差异后又被修改：请重新查看差异后再发布');
    if ((live?.version ?? null) !== draft.baseVersion) {
      throw new AppError(409, 'stale_draft', this.staleMessage(draft, live, await this.person(live?.publishedBy)), [{ field: 'baseVersion', message: '草稿基于旧版本', baseVersion: draft.baseVersion, liveVersion: live?.version ?? null }]);
    }
    const outcome = await publishFiles(this.deps, packageId, draft.files, actor, { source: 'workspace', live });
    await this.deps.drafts.remove(packageId, draft.revision);
    this.deps.logger.info({ packageId, version: outcome.version, unchanged: outcome.unchanged, by: actor.username }, 'package draft published');
    return outcome;
  }

  /** Re-applies the draft's changes on the live version; conflicts are answered, nothing written. */
  async rebase(packageId: string, actor: Actor) {
    const { draft, live } = await this.draftAndLive(packageId);
    if (!live) throw conflict(`程序包「${packageId}」还没有现行版本，无需合并`);
    if (draft.baseVersion === live.version) return this.present(draft, live);
    const base = draft.baseVersion !== null ? await this.deps.repo.findVersion(packageId, draft.baseVersion) : null;
    const { files, conflicts } = await rebaseFiles(base?.files ?? [], draft.files, live.files);
    if (!files) {
      throw new AppError(409, 'rebase_conflict', `草稿与现行版本 ${live.version} 有 ${conflicts.length} 处冲突，未合并：请逐项处理后再发布`, conflicts);
    }
    const saved = await this.deps.drafts.update(packageId, draft.revision, { files, baseVersion: live.version, updatedAt: this.deps.clock.now(), updatedBy: actor.username, updatedByName: actor.name });
    if (!saved) throw conflict('草稿刚被他人修改：请重新载入后再合并');
    return this.present(saved, live);
  }

  // Version history

  async history(packageId: string) {
    await this.scoped(packageId);
    const versions = await this.deps.repo.versionsOf(packageId);
    if (!versions.length) throw notFound(`程序包「${packageId}」不存在`);
    return Promise.all([...versions].reverse().map(async (v) => ({
      version: v.version, status: v.status, source: v.source, edition: v.edition,
      createdAt: v.createdAt, createdBy: await this.person(v.createdBy),
      publishedAt: v.publishedAt ?? null, publishedBy: await this.person(v.publishedBy),
      ...(v.change ? { change: v.change } : {}),
    })));
  }

  private async version(packageId: string, version: number): Promise<PackageDoc> {
    const v = await this.deps.repo.findVersion(packageId, version);
    if (!v) throw notFound(`程序包「${packageId}」的版本 ${version} 不存在`);
    return v;
  }

  async versionDiff(packageId: string, from: number, to: number) {
    await this.scoped(packageId);
    const [a, b] = [await this.version(packageId, from), await this.version(packageId, to)];
    return { from, to, diff: await diffPackages(a.files, b.files) };
  }

  /** Publishes an earlier version's content again, as a new version. */
  async rollback(packageId: string, version: number, actor: Actor) {
    await this.scoped(packageId);
    const target = await this.version(packageId, version);
    const live = await this.deps.repo.findLive(packageId);
    if (live?.version === version) throw conflict(`版本 ${version} 就是现行版本，无需回退`);
    const files: StoredFile[] = target.files.map((f) => ({ path: f.path, text: f.text, ...(f.encoding ? { encoding: f.encoding } : {}) }));
    const outcome = await publishFiles(this.deps, packageId, files, actor, { source: 'rollback', live, rollbackOf: version });
    this.deps.logger.info({ packageId, rollbackOf: version, version: outcome.version, by: actor.username }, 'package version published again');
    return outcome;
  }
}
