// Template revisions of each document kind. Revision 1 is the file the package ships; an
// administrator downloads it, edits it in Word / WPS and uploads revision 2 …, checked exactly
// as an import checks it. A later package version shipping a different file adds a revision
// of its own. Each issued document records the revision it was filled from.
import type { Actor } from '../http/actor';
import { notFound, unprocessable } from '../http/errors';
import type { Clock } from '../clock';
import type { Bindings, KindBinding } from './bindings';
import type { TemplateRevision } from './document.model';
import { sha256, type DocumentsRepository } from './documents.repository';
import { checkTemplate } from './template/inspect';
import { allowedNames, CASE_PLACEHOLDERS } from './template/vocabulary';

export const MAX_TEMPLATE_BYTES = 2 * 1024 * 1024; // a package file's limit

export class TemplatesService {
  constructor(private readonly repo: DocumentsRepository, private readonly bindings: Bindings, private readonly clock: Clock) {}

  /** The revision in force; the package's file is recorded first if it is new. */
  async current(b: KindBinding): Promise<TemplateRevision> {
    const digest = sha256(b.packageTemplate);
    if (!(await this.repo.hasPackageTemplate(b.packageId, b.kind.kind, digest))) {
      const latest = await this.repo.latestTemplate(b.packageId, b.kind.kind);
      // Two processes may both record it; the second finds the same bytes on top and stops.
      if (latest?.sha256 !== digest) {
        await this.repo.addTemplate({
          packageId: b.packageId, kind: b.kind.kind, data: b.packageTemplate, source: 'package',
          packageVersion: b.packageVersion, createdBy: 'system', createdAt: this.clock.now(),
        });
      }
    }
    return (await this.repo.latestTemplate(b.packageId, b.kind.kind))!;
  }

  async binding(packageId: string, kind: string): Promise<KindBinding> {
    const b = (await this.bindings.of(packageId)).find((x) => x.kind.kind === kind);
    if (!b) throw notFound(`程序包「${packageId}」的现行版本中没有文书种类「${kind}」`);
    return b;
  }

  /** Every kind of a package: binding, numbering, placeholders, revisions. */
  async list(packageId: string) {
    const out = [];
    for (const b of await this.bindings.of(packageId)) {
      await this.current(b);
      out.push({
        packageId, packageVersion: b.packageVersion,
        kind: b.kind.kind, name: b.kind.name, template: b.kind.template, numbering: b.kind.numbering,
        elements: b.targets.map((t) => ({ id: t.id, name: t.name ?? null, type: t.type, process: t.diagram })),
        placeholders: [
          ...Object.entries(CASE_PLACEHOLDERS).map(([name, description]) => ({ name, description })),
          ...b.fields.map((f) => ({ name: f.key, description: `表单字段：${f.label}` })),
        ],
        revisions: (await this.repo.revisions(packageId, b.kind.kind)).map((r) => ({
          revision: r.revision, source: r.source, packageVersion: r.packageVersion ?? null, sha256: r.sha256, createdBy: r.createdBy, createdAt: r.createdAt,
        })),
      });
    }
    return out;
  }

  async file(packageId: string, kind: string, revision?: number) {
    const b = await this.binding(packageId, kind);
    const t = revision === undefined ? await this.current(b) : await this.repo.template(packageId, kind, revision);
    if (!t) throw notFound(`文书「${b.kind.name}」没有第 ${revision} 版模板`);
    return { name: `${b.kind.name}-第${t.revision}版.docx`, data: Buffer.from(t.data) };
  }

  /** A new revision, or 422 listing every problem of the file. */
  async upload(packageId: string, kind: string, data: Buffer, actor: Actor) {
    const b = await this.binding(packageId, kind);
    const problems = checkTemplate(data, allowedNames(b.fields));
    if (problems.length) {
      throw unprocessable(`模板有 ${problems.length} 处问题，未保存`, problems.map((p) => ({ field: 'file', ...(p.tag ? { tag: p.tag } : {}), code: p.code, message: p.message })));
    }
    await this.current(b); // the package's revision comes first
    const t = await this.repo.addTemplate({ packageId, kind, data, source: 'upload', createdBy: actor.username, createdAt: this.clock.now() });
    return { packageId, kind, name: b.kind.name, revision: t.revision, sha256: t.sha256 };
  }
}
