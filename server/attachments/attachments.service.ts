// Attachments (督办函, 书面报告 and its 相关材料, 听证笔录): files in GridFS that belong to one case
// and, usually, to the task they were uploaded for. A submission refers to them by id only;
// names, sizes and types always come from what the platform stored.
import type { Request } from 'express';
import type { ErrorDetail } from '../http/errors';
import type { AttachmentFile, AttachmentsRepository } from './attachments.repository';
import { parseTypes, type UploadPolicy } from './fileTypes';
import { receiveUpload, type Owner, type StoredUpload } from './upload';

export interface AttachmentRef {
  id: string;
  name: string;
  size: number;
  type: string;
}
export interface FileField {
  field: string;
  label: string;
  refs: { id: string }[];
}

export class AttachmentsService {
  readonly policy: UploadPolicy;
  constructor(
    readonly repo: AttachmentsRepository,
    limits: { maxBytes: number; types?: string },
  ) {
    this.policy = { maxBytes: limits.maxBytes, types: parseTypes(limits.types) };
  }

  upload(req: Request, owner: Owner): Promise<StoredUpload> {
    return receiveUpload(req, this.repo, this.policy, owner);
  }

  find(id: string): Promise<AttachmentFile | null> {
    return this.repo.find(id);
  }

  openDownload(file: AttachmentFile) {
    return this.repo.bucket().openDownloadStream(file._id);
  }

  /**
   * Every referenced attachment must exist, belong to this case, and have been uploaded for
   * this task or for the case as a whole. Returns the trusted references per field, or the
   * problems (one per field).
   */
  async resolveRefs(fields: FileField[], caseId: string, taskId: string) {
    const found = await this.repo.findMany(fields.flatMap((f) => f.refs.map((r) => r.id)));
    const problems: ErrorDetail[] = [];
    const resolved = new Map<string, AttachmentRef[]>();
    for (const f of fields) {
      const refs: AttachmentRef[] = [];
      for (const { id } of f.refs) {
        const file = found.get(id);
        const meta = file?.metadata;
        if (!file || !meta || meta.caseId !== caseId) {
          problems.push({ field: f.field, label: f.label, message: `${f.label}引用的附件不存在或不属于本案件，请重新上传` });
          break;
        }
        if (meta.taskId && meta.taskId !== taskId) {
          problems.push({ field: f.field, label: f.label, message: `${f.label}引用的附件“${meta.name}”是为其他任务上传的` });
          break;
        }
        refs.push({ id, name: meta.name, size: file.length, type: meta.contentType });
      }
      resolved.set(f.field, refs);
    }
    return { problems, resolved };
  }
}
