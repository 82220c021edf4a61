// Importing, reading and exporting province packages. Publishing and parameter changes are
// commands of their own (publishPackage.ts, changeParameter.ts).
import { detectConflicts, type LivePackage } from './conflicts';
import type { Actor } from '../http/actor';
import { conflict, notFound, unprocessable } from '../http/errors';
import { findArticle, parseCitations, resolveCitation } from './citations';
import { changeParameter } from './changeParameter';
import { validationContext, type PackagesDeps } from './deps';
import type { PackageDoc } from './package.model';
import { contentHash, contentOf, diagramsWithElements, fromStoredFiles, toStoredFiles } from './packageContent';
import { presentList, presentPackage, presentVersion } from './packages.presenter';
import { publishPackage } from './publishPackage';
import type { Manifest, StartFormDeclaration } from './manifest.schema';
import type { PackageFiles, PackageProblem } from './types';
import { validatePackage } from './validatePackage';
import { readZip } from './zip.read';
import { writeZip } from './zip.write';

export interface LiveStartDeclarations {
  packageId: string;
  province: string;
  processes: { key: string; title: string }[];
  /** Absent: the package declares none (its processes are opened as before declarations existed). */
  startForms?: StartFormDeclaration[];
  formRevisions: Record<string, number>;
}

export interface ImportSource {
  files: PackageFiles;
  dirs?: string[];
  problems?: PackageProblem[];
}

export class PackagesService {
  constructor(private readonly deps: PackagesDeps) {}

  importZip(zip: Buffer, actor: Actor) {
    return readZip(zip).then((read) => this.importFiles(read, actor, 'import'));
  }

  /** Everything is validated first; only a package without a problem is written, in one insert. */
  async importFiles(source: ImportSource, actor: Actor, origin: 'import' | 'shipped') {
    const { problems, warnings, pkg } = await validatePackage(source, validationContext(this.deps));
    if (problems.length || !pkg) throw unprocessable(`程序包有 ${problems.length} 处问题，未导入`, problems);
    const { manifest } = pkg;
    const issuer = await this.issuerFor(manifest.id, manifest.province, actor, origin, manifest.issuer);
    const hash = contentHash(pkg.files);
    for (let attempt = 0; ; attempt++) {
      const same = await this.deps.repo.findSameContent(manifest.id, hash);
      if (same) return { package: presentVersion(same), unchanged: true, problems: [], warnings };
      const now = this.deps.clock.now();
      try {
        const doc = await this.deps.repo.insertVersion({
          packageId: manifest.id, version: await this.deps.repo.nextVersionNumber(manifest.id), status: 'draft',
          edition: String(manifest.version), province: manifest.province, title: manifest.title, hash, manifest,
          files: toStoredFiles(pkg.files), source: origin, createdAt: now, createdBy: actor.username,
        });
        // Two imports of the same content at once (several processes starting): both may have
        // looked before either wrote. The later version gives way to the earlier one.
        const earlier = (await this.deps.repo.versionsOf(manifest.id)).find((v) => v.hash === hash && v.version < doc.version);
        if (earlier) {
          await this.deps.repo.removeDraft(manifest.id, doc.version);
          return { package: presentVersion(earlier), unchanged: true, problems: [], warnings };
        }
        await this.deps.owners.claim(manifest.id, issuer, actor.username);
        this.deps.logger.info({ packageId: manifest.id, version: doc.version, by: actor.username, origin, issuer }, 'package imported');
        return { package: presentVersion(doc), unchanged: false, problems: [], warnings };
      } catch (err) {
        // Two imports of one package at once: the unique index gave the number to the other.
        if ((err as { code?: number }).code !== 11000 || attempt >= 3) throw err;
      }
    }
  }

  /**
   * The court issuing an import: the package's recorded owner; for a new package the court its
   * manifest names (`issuer`, a 中院 issuing for its own jurisdiction: 白山), else the 高院 of
   * the manifest's province, or the importing 中院 itself when it imports for its own
   * jurisdiction. The importer must be that court or supervise it (403 otherwise).
   */
  private async issuerFor(packageId: string, province: string, actor: Actor, origin: 'import' | 'shipped', declared?: string): Promise<string> {
    const { owners, scope } = this.deps;
    let issuer = await owners.ownerOf(packageId);
    if (issuer && declared && declared !== issuer) {
      // The owner is recorded once (owners.ts): a new version cannot hand the package to another court.
      throw unprocessable(`程序包「${packageId}」的发布法院为「${issuer}」，清单不能改为「${declared}」`, [{ file: 'manifest.json', field: 'issuer', code: 'ISSUER', message: `发布法院不能更改（现为「${issuer}」）` }]);
    }
    if (!issuer && declared) {
      const court = await scope.courtOf(declared);
      if (!court || court.province !== province) {
        throw unprocessable(`清单的发布法院「${declared}」不是${province}的法院`, [{ file: 'manifest.json', field: 'issuer', code: 'ISSUER', message: `发布法院「${declared}」不是${province}的法院` }]);
      }
      issuer = court.code;
    }
    if (!issuer) {
      const own = origin === 'import' ? await scope.courtOf(actor.court) : null;
      const highCourt = await scope.provinceIssuer(province);
      if (own && own.level !== '最高' && own.level !== '高院' && own.province === province) issuer = own.code;
      // A province with no courts on the platform yet: the importing court (or, for a shipped
      // package, the platform's top court) holds it until the province's 高院 exists.
      else issuer = highCourt ?? own?.code ?? (await scope.topCourt());
    }
    if (!issuer) throw unprocessable(`平台上没有${province}的高级人民法院，无法确定程序包的发布法院`, [{ field: 'province', message: '省份无效' }]);
    if (origin === 'import') await scope.assertScope(actor, { court: issuer, label: `程序包「${packageId}」` });
    return issuer;
  }

  /**
   * What 立案 needs of every live package: its province, processes and start declarations, and
   * the form revisions its publish saved (a start form is used at the revision its package pinned).
   */
  async liveStartDeclarations(): Promise<LiveStartDeclarations[]> {
    return (await this.deps.repo.listLive()).map((d) => {
      const m = d.manifest as Manifest;
      return {
        packageId: d.packageId,
        province: d.province,
        processes: m.processes.map((p) => ({ key: p.key, title: p.title })),
        startForms: m.startForms,
        formRevisions: Object.fromEntries((d.formRevisions ?? []).map((f) => [f.key, f.revision])),
      };
    });
  }

  /**
   * The higher rules a package sits under (manifest `higherRules`) and the conflicts the platform
   * detects against the live packages of courts above its issuer (conflicts.ts, 白山规定 第二十四条).
   */
  async conflicts(packageId: string) {
    const doc = await this.load(packageId);
    const owner = await this.deps.owners.ownerOf(packageId);
    const live = await this.deps.repo.listLive();
    const higher: LivePackage[] = [];
    for (const d of live) {
      if (d.packageId === packageId) continue;
      const o = await this.deps.owners.ownerOf(d.packageId);
      // Above: the other package's issuer supervises this one's (not the same court).
      if (o && owner && o !== owner && (await this.deps.scope.supervises(o, owner))) {
        higher.push({ id: d.packageId, title: d.title, owner: o, manifest: d.manifest as Manifest });
      }
    }
    const own: LivePackage = { id: packageId, title: doc.title, owner: owner ?? '', manifest: doc.manifest as Manifest };
    return {
      package: { id: packageId, version: doc.version, owner },
      higherRules: own.manifest.higherRules ?? [],
      higherPackages: higher.map((h) => ({ id: h.id, title: h.title, owner: h.owner })),
      conflicts: detectConflicts(own, higher),
    };
  }

  async list() {
    return presentList(await this.deps.repo.listAll());
  }

  /** The given version, or the live one, or (never published) the newest. */
  async load(packageId: string, version?: number): Promise<PackageDoc> {
    const { repo } = this.deps;
    const doc = version !== undefined ? await repo.findVersion(packageId, version) : (await repo.findLive(packageId)) ?? (await repo.findLatest(packageId));
    if (!doc) throw notFound(`程序包「${packageId}」${version !== undefined ? `的版本 ${version} ` : ''}不存在`);
    return doc;
  }

  /** The published version in force, or null (documents are issued from it only). */
  liveVersionNumber(packageId: string): Promise<number | null> {
    return this.deps.repo.liveVersionNumber(packageId);
  }

  async get(packageId: string, version?: number) {
    const doc = await this.load(packageId, version);
    return presentPackage(doc, contentOf(doc), await this.deps.repo.versionsOf(packageId));
  }

  async exportZip(packageId: string, version?: number) {
    const doc = await this.load(packageId, version);
    return { doc, zip: await writeZip(fromStoredFiles(doc)) };
  }

  publish(packageId: string, version: number | undefined, actor: Actor) {
    return publishPackage(this.deps, packageId, version, actor);
  }

  changeParameter(packageId: string, paramId: string, value: unknown, actor: Actor) {
    return changeParameter(this.deps, packageId, paramId, value, actor);
  }

  async article(packageId: string, no: string, document?: string) {
    const doc = await this.load(packageId);
    const found = findArticle(contentOf(doc).articles, no, document);
    if (!found) throw notFound(`程序包「${packageId}」中没有${document ? `「${document}」` : ''}${no}`);
    return { package: { id: doc.packageId, version: doc.version }, ...found };
  }

  /** The clause behind a step or a deadline: the element's documentation resolved to text. */
  async clauseOf(packageId: string, elementId: string, process?: string) {
    const doc = await this.load(packageId);
    const content = contentOf(doc);
    const hits = (await diagramsWithElements(content)).flatMap((d) =>
      d.elements.filter((e) => e.id === elementId && (!process || e.process === process)));
    if (!hits.length) throw notFound(`程序包「${packageId}」的流程图中没有元素「${elementId}」`);
    if (hits.length > 1) throw conflict(`元素「${elementId}」在多个流程中出现，请以 ?process= 指明`);
    const e = hits[0];
    const citations = parseCitations(e.documentation, content.articles.documents);
    const clauses = citations.map((c) => resolveCitation(content.articles, c)).filter((c) => !!c);
    return {
      package: { id: doc.packageId, version: doc.version },
      element: { id: e.id, name: e.name ?? null, type: e.type, process: e.process },
      documentation: e.documentation,
      clauses,
    };
  }
}
