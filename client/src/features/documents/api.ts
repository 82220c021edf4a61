// The documents API as the browser uses it: issued documents (PDF, 作废, 更正), the preview of the
// document a task would issue, and the template revisions of a package.
import { ApiError, csrfHeader, http } from '../../api/http';

export interface CaseDocument {
  id: string;
  name: string;
  number: string | null;
  status: 'issuing' | 'issued' | 'failed' | 'voided';
  issuedAt: string | null;
  issuer: { court: string; courtName: string; name: string } | null;
  recipient: { courtName: string } | null;
  template: { revision: number } | null;
  file: { name: string; size: number; url: string } | null;
  pdfUrl: string | null;
  corrects: { id: string; number: string | null } | null;
  correctedBy: { id: string; number: string | null } | null;
  voided: { reason: string; at: string; by: { name: string; courtName: string } } | null;
  /** The form fields a correction may change, with what the document printed. */
  fields: { key: string; label: string; type: string; value: string | boolean }[] | null;
  error?: string;
}

export interface TemplateKind {
  packageId: string;
  kind: string;
  name: string;
  template: string;
  numbering: string;
  elements: { id: string; name: string | null; type: string; process: string }[];
  placeholders: { name: string; description: string }[];
  revisions: { revision: number; source: 'package' | 'upload'; packageVersion: number | null; createdBy: string; createdAt: string }[];
}

export const caseDocuments = (caseId: string) => http.get<{ documents: CaseDocument[] }>(`/api/cases/${caseId}/documents`).then((r) => r.documents);
export const voidDocument = (id: string, reason: string) => http.post<{ document: CaseDocument }>(`/api/documents/${id}/void`, { reason });
export const correctDocument = (id: string, values: Record<string, string | boolean>) => http.post<{ document: CaseDocument }>(`/api/documents/${id}/corrections`, { values });
export const taskDocument = (taskId: string) => http.get<{ document: { kind: string; name: string; numbering: string } | null }>(`/api/tasks/${taskId}/document`).then((r) => r.document);
export const templateKinds = (packageId: string) => http.get<{ templates: TemplateKind[] }>(`/api/documents/templates?package=${encodeURIComponent(packageId)}`).then((r) => r.templates);
export const templateUrl = (k: { packageId: string; kind: string }, revision?: number) =>
  `/api/documents/templates/${k.packageId}/${k.kind}/file${revision ? `?revision=${revision}` : ''}`;
export const uploadTemplate = (k: { packageId: string; kind: string }, file: File) =>
  http.post<{ revision: number }>(`/api/documents/templates/${k.packageId}/${k.kind}/revisions`, new Blob([file], { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }));

/** A binary answer (PDF, .docx), or the server's ApiError in Chinese. */
export async function fetchBinary(url: string, init: { method?: string; body?: unknown } = {}): Promise<ArrayBuffer> {
  const res = await fetch(url, {
    method: init.method ?? 'GET',
    credentials: 'same-origin',
    headers: { ...(init.body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...(init.method && init.method !== 'GET' ? csrfHeader() : {}) },
    body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
  });
  if (res.ok) return res.arrayBuffer();
  const e = (await res.json().catch(() => undefined))?.error;
  throw new ApiError(res.status, e?.code ?? `http_${res.status}`, e?.message ?? `服务器错误（${res.status}），请稍后重试`, e?.details ?? []);
}

export const previewDocument = (taskId: string, data: Record<string, unknown>, format: 'pdf' | 'docx' = 'pdf') =>
  fetchBinary(`/api/tasks/${taskId}/document-preview?format=${format}`, { method: 'POST', body: { data } });

/** Saves bytes the page already has under a name (the preview's .docx). */
export function saveAs(data: ArrayBuffer, name: string, type: string) {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
