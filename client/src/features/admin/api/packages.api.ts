// /api/packages, /api/definitions/:key/migrate, /api/deadline, /api/forms (docs/PACKAGES.md,
// server/http/openapi.ts). The zip upload goes through XMLHttpRequest for its upload progress.
import type { PackageDiff } from '../../../../../server/packages/diff.types';
import type { Binding, Coverage, PeriodCoverage } from '../../../../../server/periods/coverage';
import { ApiError, csrfHeader, http, query } from '../../../api/http';
import type { Articles, FormSchema, Manifest, PackageProblem, Parameter } from '../workspace/types';

export interface PackageVersion {
  id: string;
  version: number;
  status: 'draft' | 'publishing' | 'published' | 'replaced' | 'superseded';
  edition: string;
  province: string;
  title: string;
  source: string;
  createdAt: string;
  createdBy: string;
  publishedAt: string | null;
  publishedBy: string | null;
  publishError?: string;
  deployed: { key: string; version: number }[];
  formRevisions: { key: string; revision: number }[];
  change?: { parameter: string; from: string; to: string; fromVersion: number };
}

export interface PackageSummary {
  id: string;
  province: string;
  title: string;
  regulation: Manifest['regulation'] | null;
  status: PackageVersion['status'];
  live: PackageVersion | null;
  latest: PackageVersion;
  versions: number;
}

/** Period coverage (server/periods/README.md); each binding names the diagram file of its element. */
export type PackageCoverage = Omit<Coverage, 'periods'> & {
  periods: (Omit<PeriodCoverage, 'bindings'> & { bindings: (Binding & { file?: string | null })[] })[];
};

export interface PackageDetail extends PackageVersion {
  manifest: Manifest;
  regulation: Manifest['regulation'];
  processes: Manifest['processes'];
  forms: string[];
  parameters: Parameter[];
  articles: Articles;
  coverage: PackageCoverage;
  files: string[];
  versions: PackageVersion[];
}

export interface ImportResult {
  package: PackageVersion;
  unchanged: boolean;
  problems: PackageProblem[];
  warnings: PackageProblem[];
}

export interface DueChange {
  element: string;
  kind: 'task' | 'timer';
  before: string | null;
  after: string | null;
}

export interface CaseMigration {
  caseId: string;
  caseNo: string;
  status: 'migrated' | 'would-migrate' | 'refused' | 'conflict';
  changes: DueChange[];
  problems: { element?: string; message: string }[];
  /** In a parameter change's dry run: the version the case runs on now. */
  fromVersion?: number;
}

export interface MigrationResult {
  key: string;
  fromVersion?: number;
  /** A parameter change's dry run covers every older version still running. */
  fromVersions?: number[];
  toVersion: number;
  dryRun: boolean;
  cases: CaseMigration[];
  counts: Record<string, number>;
}

export interface ParameterChange {
  unchanged: boolean;
  version?: number;
  parameter: Parameter & { previous?: string };
  definition?: { key: string; fromVersion: number | null; toVersion: number };
  migration?: MigrationResult | null;
}

export interface DeadlineAnswer {
  due: string;
  lastDay?: string;
  provisional: boolean;
  provisionalYears?: number[];
  rule: string;
}

/** 第二十四条 (Baishan): the higher rules a package sits under and the conflicts the platform sees. */
export interface PackageConflicts {
  package: { id: string; version: number; owner: string | null };
  higherRules: { title: string; issuer?: string; docNo?: string; basis?: string }[];
  higherPackages: { id: string; title: string; owner: string }[];
  conflicts: { kind: 'start' | 'inspection' | 'period'; prevails: string; own: string; higher: string; message: string }[];
}

const enc = encodeURIComponent;

export const packagesApi = {
  list: () => http.get<{ packages: PackageSummary[] }>('/api/packages').then((r) => r.packages),
  get: (id: string, version?: number) =>
    http.get<{ package: PackageDetail }>(`/api/packages/${enc(id)}${query({ version })}`).then((r) => r.package),
  conflicts: (id: string) => http.get<PackageConflicts>(`/api/packages/${enc(id)}/conflicts`),
  exportUrl: (id: string, version?: number) => `/api/packages/${enc(id)}/export${query({ version })}`,
  async exportZip(id: string, version?: number): Promise<ArrayBuffer> {
    const res = await fetch(this.exportUrl(id, version), { credentials: 'same-origin' });
    if (!res.ok) throw new ApiError(res.status, `http_${res.status}`, `导出失败（${res.status}）`);
    return res.arrayBuffer();
  },
  publish: (id: string, version?: number) =>
    http.post<{ package: PackageDetail }>(`/api/packages/${enc(id)}/publish`, version ? { version } : {}).then((r) => r.package),
  changeParameter: (id: string, paramId: string, value: string) =>
    http.put<ParameterChange>(`/api/packages/${enc(id)}/parameters/${enc(paramId)}`, { value }),
  article: (id: string, no: string, document?: string) =>
    http.get<{ document: { id: string; title: string }; no: string; text: string }>(`/api/packages/${enc(id)}/articles/${enc(no)}${query({ document })}`),
  migrate: (key: string, fromVersion: number, toVersion: number, dryRun: boolean) =>
    http.post<MigrationResult>(`/api/definitions/${enc(key)}/migrate`, { fromVersion, toVersion, dryRun }),
  deadline: (notation: string, from?: string) => http.get<DeadlineAnswer>(`/api/deadline${query({ notation, from })}`),
};

/** POST /api/packages with upload progress (0–1). 422: ApiError whose details are the problems. */
export function importPackage(zip: Blob, onProgress?: (fraction: number) => void): Promise<ImportResult> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/packages');
    xhr.setRequestHeader('Content-Type', 'application/zip');
    xhr.setRequestHeader('Accept', 'application/json');
    for (const [k, v] of Object.entries(csrfHeader())) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress?.(e.loaded / e.total);
    xhr.onerror = () => reject(new ApiError(0, 'network', '无法连接服务器，请检查网络后重试'));
    xhr.onload = () => {
      let body: { error?: { code?: string; message?: string; details?: PackageProblem[] } } & Partial<ImportResult> = {};
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        /* not JSON */
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress?.(1);
        resolve(body as ImportResult);
        return;
      }
      const e = body.error;
      reject(new ApiError(xhr.status, e?.code ?? `http_${xhr.status}`, e?.message ?? `导入失败（${xhr.status}）`, e?.details ?? []));
    };
    xhr.send(zip);
  });
}

/**
 * POST /api/packages/validate: the import's checks, nothing written. null when the platform
 * does not offer it (an older server): the import itself then reports the problems.
 */
export async function validatePackageZip(zip: Blob): Promise<{ problems: PackageProblem[]; warnings: PackageProblem[] } | null> {
  try {
    return await http.post<{ problems: PackageProblem[]; warnings: PackageProblem[] }>('/api/packages/validate', zip);
  } catch (err) {
    if (err instanceof ApiError && (err.status === 404 || err.status === 405)) return null;
    throw err;
  }
}

export interface FormRevision {
  key: string;
  revision: number;
  title?: string;
  schema: FormSchema;
  createdAt: string;
  createdBy: string;
}

/** A form key has a slash: sent as two path segments (server/forms/forms.routes.ts). */
const formPath = (key: string) => key.split('/').map(enc).join('/');

export const formsApi = {
  latest: (key: string) => http.get<{ form: FormRevision }>(`/api/forms/${formPath(key)}`).then((r) => r.form),
  saveRevision: (key: string, schema: FormSchema) =>
    http.post<{ key: string; revision: number; unchanged: boolean }>(`/api/forms/${formPath(key)}/revisions`, { schema }),
};

/** A draft as the server answers it (server/packages/drafts.service.ts). */
export interface DraftInfo {
  id: string;
  province: string;
  baseVersion: number | null;
  liveVersion: number | null;
  stale: boolean;
  revision: number;
  createdAt: string;
  updatedAt: string;
  updatedBy: { username: string; name: string } | null;
  title?: string;
  content?: { manifest: Manifest; articles: Articles; diagrams: Record<string, string>; forms: Record<string, FormSchema> };
}

export type { PackageDiff };

export interface PublishOutcome {
  unchanged: boolean;
  version: number;
  diff?: PackageDiff;
  migrations: MigrationResult[];
}

export interface HistoryEntry {
  version: number;
  status: PackageVersion['status'];
  source: string;
  edition: string;
  createdAt: string;
  createdBy: { username: string; name: string } | null;
  publishedAt: string | null;
  publishedBy: { username: string; name: string } | null;
  change?: { parameter?: string; from?: string; to?: string; fromVersion: number; rollbackOf?: number };
}

export const draftsApi = {
  list: () => http.get<{ drafts: DraftInfo[] }>('/api/package-drafts').then((r) => r.drafts),
  get: (id: string) => http.get<{ draft: DraftInfo }>(`/api/packages/${enc(id)}/draft`).then((r) => r.draft),
  /** The draft, opened from the live version when there is none. */
  open: (id: string) => http.post<{ draft: DraftInfo }>(`/api/packages/${enc(id)}/draft`).then((r) => r.draft),
  save: (id: string, content: NonNullable<DraftInfo['content']>, revision?: number, baseVersion?: number | null) =>
    http.put<{ draft: DraftInfo }>(`/api/packages/${enc(id)}/draft`, { content, revision, baseVersion }).then((r) => r.draft),
  discard: (id: string) => http.delete(`/api/packages/${enc(id)}/draft`),
  diff: (id: string) => http.get<{ draft: DraftInfo; diff: PackageDiff }>(`/api/packages/${enc(id)}/draft/diff`),
  rebase: (id: string) => http.post<{ draft: DraftInfo }>(`/api/packages/${enc(id)}/draft/rebase`).then((r) => r.draft),
  publish: (id: string, revision: number) => http.post<PublishOutcome>(`/api/packages/${enc(id)}/draft/publish`, { revision }),
  history: (id: string) => http.get<{ versions: HistoryEntry[] }>(`/api/packages/${enc(id)}/history`).then((r) => r.versions),
  versionDiff: (id: string, from: number, to: number) => http.get<{ diff: PackageDiff }>(`/api/packages/${enc(id)}/diff${query({ from, to })}`).then((r) => r.diff),
  rollback: (id: string, version: number) => http.post<PublishOutcome>(`/api/packages/${enc(id)}/rollback`, { version }),
};
