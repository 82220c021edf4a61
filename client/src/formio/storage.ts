// Form.io's file component stores through a "storage provider". We replace the built-in `url`
// provider so uploads go through our own fetch (session cookie + X-CSRF-Token, Chinese errors)
// to the platform's attachments API; the file component's `url` names the endpoint
// (FormioForm sets /api/attachments?task=<id> when the form JSON leaves it empty).
import { ApiError, csrfHeader } from '../api/http';

export interface StoredFile {
  storage: string;
  name: string;
  originalName?: string;
  url: string;
  size: number;
  type: string;
  data?: Record<string, unknown>;
}

async function upload(file: File, name: string, url: string): Promise<StoredFile> {
  const body = new FormData();
  body.append('file', file, file.name);
  body.append('name', name);
  const res = await fetch(url, { method: 'POST', body, credentials: 'same-origin', headers: { Accept: 'application/json', ...csrfHeader() } });
  const payload = await res.json().catch(() => ({}));
  if (!res.ok) {
    const e = payload?.error;
    throw new ApiError(res.status, e?.code ?? 'upload_failed', e?.message ?? `上传失败（${res.status}）`, e?.details ?? []);
  }
  // The API answers {attachment: {...}} or the attachment itself; either carries its url.
  const a = (payload.attachment ?? payload.file ?? payload) as Record<string, unknown>;
  const id = String(a.id ?? a._id ?? '');
  return {
    storage: 'url',
    name: String(a.name ?? name),
    originalName: file.name,
    url: String(a.url ?? (id ? `/api/attachments/${id}` : '')),
    size: Number(a.size ?? file.size),
    type: String(a.type ?? a.contentType ?? file.type),
    data: a,
  };
}

export const urlStorage = {
  title: '平台附件',
  name: 'url',
  uploadFile(file: File, name: string, _dir: string, _progress: unknown, url: string) {
    return upload(file, name, url);
  },
  // Attachments are kept for 全程留痕: removing a file from the form only unlinks it.
  deleteFile() {
    return Promise.resolve('已移除');
  },
  downloadFile(fileInfo: StoredFile) {
    return Promise.resolve(fileInfo);
  },
};
