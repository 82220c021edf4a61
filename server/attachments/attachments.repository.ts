// The only code that touches GridFS bucket `attachments` (files in `attachments.files`,
// bytes in `attachments.chunks`), on the platform's own connection.
import mongoose, { type Connection } from 'mongoose';

export interface AttachmentMeta {
  caseId: string;
  /** The task it was uploaded for; absent for case-level material. */
  taskId?: string;
  name: string;
  type: string; // FileTypeId
  contentType: string;
  sha256: string;
  uploadedBy: string;
}

export interface AttachmentFile {
  _id: mongoose.Types.ObjectId;
  length: number;
  uploadDate: Date;
  filename: string;
  metadata: AttachmentMeta;
}

export const BUCKET = 'attachments';

export class AttachmentsRepository {
  constructor(private readonly connection: Connection) {}

  bucket(): mongoose.mongo.GridFSBucket {
    return new mongoose.mongo.GridFSBucket(this.connection.db!, { bucketName: BUCKET });
  }

  async find(id: string): Promise<AttachmentFile | null> {
    if (!/^[0-9a-f]{24}$/i.test(id)) return null;
    const files = this.connection.db!.collection<AttachmentFile>(`${BUCKET}.files`);
    return files.findOne({ _id: new mongoose.Types.ObjectId(id) });
  }

  async findMany(ids: string[]): Promise<Map<string, AttachmentFile>> {
    const valid = ids.filter((id) => /^[0-9a-f]{24}$/i.test(id)).map((id) => new mongoose.Types.ObjectId(id));
    if (!valid.length) return new Map();
    const files = this.connection.db!.collection<AttachmentFile>(`${BUCKET}.files`);
    const docs = await files.find({ _id: { $in: valid } }).toArray();
    return new Map(docs.map((d) => [String(d._id), d]));
  }

  /** After a refused upload: nothing of it may remain. Returns how many stray chunks were removed. */
  async purge(id: mongoose.Types.ObjectId): Promise<number> {
    const chunks = this.connection.db!.collection(`${BUCKET}.chunks`);
    const stray = await chunks.countDocuments({ files_id: id });
    if (stray) await chunks.deleteMany({ files_id: id });
    await this.connection.db!.collection(`${BUCKET}.files`).deleteOne({ _id: id });
    return stray;
  }

  /** The digest is known only after the last byte; GridFS writes the files document at the end. */
  async setSha256(id: mongoose.Types.ObjectId, sha256: string): Promise<void> {
    await this.connection.db!.collection(`${BUCKET}.files`).updateOne({ _id: id }, { $set: { 'metadata.sha256': sha256 } });
  }

  chunkCount(id: mongoose.Types.ObjectId | string): Promise<number> {
    const _id = typeof id === 'string' ? new mongoose.Types.ObjectId(id) : id;
    return this.connection.db!.collection(`${BUCKET}.chunks`).countDocuments({ files_id: _id });
  }
}
