// Attachments: uploads into GridFS `attachments`, checked by their bytes; downloads only for
// those who may see the case. See server/forms/README.md (Attachments).
export { AttachmentsService } from './attachments.service';
export type { AttachmentRef, FileField } from './attachments.service';
export { AttachmentsRepository, BUCKET as ATTACHMENTS_BUCKET } from './attachments.repository';
export { attachmentsRoutes } from './attachments.routes';
export { FILE_TYPES, DEFAULT_TYPES, parseTypes } from './fileTypes';
