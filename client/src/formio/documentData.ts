// A submitted document's data as Form.io reads it back, and the attachments it references.
// The server stores a file value as {id, name, size, type} (server/forms/README.md); Form.io's
// file component shows {name, originalName, url, storage}.

export interface AttachmentRef {
  id: string;
  name: string;
  size?: number;
  type?: string;
}

const isAttachment = (v: unknown): v is AttachmentRef =>
  !!v && typeof v === 'object' && typeof (v as AttachmentRef).id === 'string' && typeof (v as AttachmentRef).name === 'string' && /^[0-9a-f]{24}$/i.test((v as AttachmentRef).id);

export const attachmentUrl = (id: string) => `/api/attachments/${encodeURIComponent(id)}`;

/** Every attachment the data references, in order, once each. */
export function attachmentsOf(data: unknown): AttachmentRef[] {
  const out = new Map<string, AttachmentRef>();
  const visit = (v: unknown) => {
    if (isAttachment(v)) out.set(v.id, v);
    else if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') Object.values(v).forEach(visit);
  };
  visit(data);
  return [...out.values()];
}

/** The data with each attachment in Form.io's file shape (a download link). */
export function forDisplay(data: unknown): any {
  if (isAttachment(data)) {
    return { storage: 'url', name: data.name, originalName: data.name, url: attachmentUrl(data.id), size: data.size, type: data.type };
  }
  if (Array.isArray(data)) return data.map(forDisplay);
  if (data && typeof data === 'object') return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, forDisplay(v)]));
  return data;
}
