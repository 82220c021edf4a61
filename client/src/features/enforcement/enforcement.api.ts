// /api/enforcement (server/enforcement/README.md): 执行案件 records, imports, the column mapping.
import { ApiError, csrfHeader, http, query } from '../../api/http';

export interface RecordNode { type: string; date: string }
export interface CaseLink { caseId: string; caseNo: string; process: string; cause: string; title: string; at: string }
export interface EnforcementRecord {
  id: string; caseNo: string; court: string; courtName: string; handler: string | null;
  filedAt: string; closedAt: string | null; closing: string | null; nodes: RecordNode[]; updatedAt: string; version: number;
  cases: CaseLink[];
  history?: { at: string; by: string; source: string; changes: Record<string, { from: unknown; to: unknown }> }[];
}
export interface ImportProblem { row: number; column: string; reason: string }
export interface ImportJob {
  id: string; court: string; by: string; fileName: string; kind: string; mode: 'valid' | 'all';
  status: 'running' | 'done' | 'rejected' | 'failed'; phase: string; totalBytes: number; bytesRead: number; rows: number;
  created: number; updated: number; unchanged: number; problems?: ImportProblem[]; problemCount: number; message?: string;
  startedAt: string; finishedAt?: string;
}
export interface Mapping { fields: Record<string, string>; nodes: Record<string, string> }
export interface MappingAnswer { mapping: Mapping; fields: Record<string, string>; nodes: string[]; closings: string[] }

export const enforcementApi = {
  mapping: () => http.get<MappingAnswer>('/api/enforcement/mapping'),
  saveMapping: (m: Mapping) => http.put<{ mapping: Mapping }>('/api/enforcement/mapping', m),
  job: (id: string) => http.get<ImportJob>(`/api/enforcement/imports/${encodeURIComponent(id)}`),
  jobs: () => http.get<{ items: ImportJob[] }>('/api/enforcement/imports'),
  records: (p: { court?: string; caseNo?: string; page?: number; pageSize?: number }) =>
    http.get<{ items: EnforcementRecord[]; total: number }>(`/api/enforcement/records${query(p)}`),
  recordOfCase: (caseId: string) => http.get<EnforcementRecord | null>(`/api/enforcement/cases/${encodeURIComponent(caseId)}/record`),
};

/** POST /api/enforcement/imports with upload progress (0–1); resolves with the job (202). */
export function uploadRecords(file: File, mode: 'valid' | 'all', onProgress: (f: number) => void): Promise<ImportJob> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    form.append('mode', mode);
    form.append('file', file);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/enforcement/imports');
    xhr.setRequestHeader('Accept', 'application/json');
    for (const [k, v] of Object.entries(csrfHeader())) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onerror = () => reject(new ApiError(0, 'network', '无法连接服务器，请检查网络后重试'));
    xhr.onload = () => {
      let body: { error?: { code?: string; message?: string } } & Partial<ImportJob> = {};
      try { body = JSON.parse(xhr.responseText); } catch { /* not JSON */ }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(body as ImportJob);
      reject(new ApiError(xhr.status, body.error?.code ?? `http_${xhr.status}`, body.error?.message ?? `上传失败（${xhr.status}）`));
    };
    xhr.send(form);
  });
}
