// Which fields of a stored package version leave the server.
import type { PackageDoc } from './package.model';
import type { PackageSummary } from './packages.repository';
import type { StoredContent } from './packageContent';
import { periodCoverage } from '../periods';

export function presentVersion(doc: PackageSummary) {
  return {
    id: doc.packageId,
    version: doc.version,
    status: doc.status,
    edition: doc.edition,
    province: doc.province,
    title: doc.title,
    source: doc.source,
    createdAt: doc.createdAt,
    createdBy: doc.createdBy,
    publishedAt: doc.publishedAt ?? null,
    publishedBy: doc.publishedBy ?? null,
    ...(doc.publishError ? { publishError: doc.publishError } : {}),
    deployed: (doc.deployed ?? []).map((d) => ({ key: d.key, version: d.version })),
    formRevisions: (doc.formRevisions ?? []).map((f) => ({ key: f.key, revision: f.revision })),
    ...(doc.change ? { change: doc.change } : {}),
  };
}

/** One version in full: manifest, parameters with their current values, articles. */
export function presentPackage(doc: PackageDoc, content: StoredContent, versions: PackageSummary[]) {
  const { manifest } = content;
  return {
    ...presentVersion(doc),
    manifest,
    regulation: manifest.regulation,
    supersedes: manifest.supersedes ?? null,
    processes: manifest.processes,
    forms: manifest.forms,
    parameters: manifest.parameters,
    articles: content.articles,
    coverage: presentCoverage(content),
    files: doc.files.map((f) => f.path),
    versions: versions.map(presentVersion),
  };
}

/** GET /api/packages: one entry per package, its live and latest versions. */
export function presentList(docs: PackageSummary[]) {
  const byId = new Map<string, PackageSummary[]>();
  for (const d of docs) byId.set(d.packageId, [...(byId.get(d.packageId) ?? []), d]);
  return [...byId.values()].map((versions) => {
    const latest = versions[versions.length - 1];
    const live = [...versions].reverse().find((v) => v.status === 'published');
    return {
      id: latest.packageId,
      province: (live ?? latest).province,
      title: (live ?? latest).title,
      regulation: ((live ?? latest).manifest as { regulation?: unknown }).regulation ?? null,
      status: live ? 'published' : latest.status,
      live: live ? presentVersion(live) : null,
      latest: presentVersion(latest),
      versions: versions.length,
    };
  });
}

/** The package's period coverage, each binding with the diagram file that holds its element (the modeler's link). */
export function presentCoverage(content: Pick<StoredContent, 'manifest' | 'articles' | 'diagrams'>) {
  const c = periodCoverage(content.manifest, content.articles);
  const fileOf = (element: string) => {
    const d = content.diagrams.find((x) => x.xml.includes(`id="${element}"`));
    return d && content.manifest.processes.find((p) => p.key === d.key)?.file;
  };
  return {
    ...c,
    periods: c.periods.map((p) => ({ ...p, bindings: p.bindings.map((b) => ({ ...b, file: fileOf(b.element) ?? null })) })),
  };
}
