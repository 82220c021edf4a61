// Forms for the preview: the list (GET /api/forms), one revision with example prefill, and the
// server's check of preview data (nothing is stored).
import { http } from '../../api/http';

export interface FormMeta {
  key: string;
  revision: number;
  title?: string;
  createdAt?: string;
}
export interface PreviewForm {
  form: { key: string; revision: number; title?: string; schema: { components?: unknown[]; [k: string]: unknown } };
  prefill: Record<string, unknown>;
}

/** `hainan/supervisionLetter` → `hainan/supervisionLetter` with each part encoded (the key has one slash). */
const path = (key: string) => key.split('/').map(encodeURIComponent).join('/');

export const listForms = () => http.get<{ forms: FormMeta[] }>('/api/forms').then((r) => r.forms);
export const previewForm = (key: string) => http.get<PreviewForm>(`/api/forms/${path(key)}/preview`);
export const checkPreview = (key: string, revision: number, data: Record<string, unknown>) =>
  http.post<{ data: Record<string, unknown> }>(`/api/forms/${path(key)}/preview?revision=${revision}`, { data });
