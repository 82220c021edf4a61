// A document as the case page shows it: 文号, courts by name, who issued it, the pinned
// template revision, and where to download it.
import type { DocumentDoc } from './document.model';

export function presentDocument(d: DocumentDoc) {
  return {
    id: String(d._id),
    kind: d.kind,
    name: d.name,
    number: d.number ?? null,
    status: d.status,
    caseId: String(d.caseId),
    element: d.element ?? null,
    issuedAt: d.issuedAt ?? null,
    issuer: d.issuer ? { court: d.issuer.court.code, courtName: d.issuer.court.name, name: d.issuer.name ?? d.issuer.username } : null,
    recipient: d.recipient ? { court: d.recipient.code, courtName: d.recipient.name } : null,
    template: d.template ? { revision: d.template.revision } : null,
    file: d.file ? { name: d.file.name, size: d.file.size, url: `/api/documents/${String(d._id)}/file` } : null,
    pdfUrl: d.file ? `/api/documents/${String(d._id)}/pdf` : null,
    corrects: d.corrects ? { id: String(d.corrects.id), number: d.corrects.number ?? null } : null,
    voided: d.voided ? { reason: d.voided.reason, at: d.voided.at, by: { name: d.voided.by.name ?? d.voided.by.username, courtName: d.voided.by.court.name } } : null,
    ...(d.error ? { error: d.error } : {}),
  };
}

/** RFC 6266: an ASCII fallback name and the UTF-8 one. */
export function attachmentHeaders(name: string, size?: number, type: 'docx' | 'pdf' = 'docx'): Record<string, string> {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return {
    'Content-Type': type === 'pdf' ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ...(size !== undefined ? { 'Content-Length': String(size) } : {}),
    'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`,
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "default-src 'none'; sandbox",
    'Cache-Control': 'private, no-store',
  };
}
