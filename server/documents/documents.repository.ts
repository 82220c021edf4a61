// The only code that touches `documents`, `documentCounters`, `documentTemplates` and, for the
// issued files, the GridFS bucket `attachments` (the case's attachments store).
import { createHash } from 'node:crypto';
import mongoose, { type Connection } from 'mongoose';
import { documentModels, type DocumentDoc, type TemplateRevision } from './document.model';

const MIME = { docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', pdf: 'application/pdf' };
const isDuplicate = (err: unknown) => (err as { code?: number }).code === 11000;
export const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** A lean read gives the driver's Binary; the rest of the code works with Buffers. */
function withBuffer(t: TemplateRevision | null): TemplateRevision | null {
  if (!t || Buffer.isBuffer(t.data)) return t;
  const bin = t.data as unknown as { buffer: Uint8Array };
  return { ...t, data: Buffer.from(bin.buffer.buffer, bin.buffer.byteOffset, bin.buffer.byteLength) };
}

export type NewDocument = Pick<DocumentDoc, 'source' | 'packageId' | 'kind' | 'name' | 'caseId' | 'caseNo' | 'element' | 'corrects'>;

export class DocumentsRepository {
  private readonly m;
  constructor(private readonly connection: Connection) {
    this.m = documentModels(connection);
  }

  /** A case's documents that went out or are going out (not the failed), oldest first. */
  issuedOfCase(caseId: mongoose.Types.ObjectId): Promise<Pick<DocumentDoc, 'source' | 'name' | 'number'>[]> {
    return this.m.documents.find({ caseId, status: { $in: ['issued', 'issuing'] } }, { _id: 0, source: 1, name: 1, number: 1 }).sort({ _id: 1 }).lean<Pick<DocumentDoc, 'source' | 'name' | 'number'>[]>().exec();
  }

  /** The one record of this source and kind: created now, or the one an earlier attempt made. */
  async claim(doc: NewDocument): Promise<{ doc: DocumentDoc; created: boolean }> {
    try {
      const created = await this.m.documents.create({ ...doc, status: 'issuing' });
      return { doc: created.toObject() as DocumentDoc, created: true };
    } catch (err) {
      if (!isDuplicate(err)) throw err;
      const existing = await this.m.documents.findOne({ source: doc.source, kind: doc.kind }).lean<DocumentDoc>().exec();
      return { doc: existing!, created: false };
    }
  }

  /**
   * The next number of a series, atomically: one findOneAndUpdate ($inc, upsert) per number,
   * so concurrent issues — in one process or several — never get the same one. Two first
   * numbers racing to create the counter: the loser's upsert meets the unique _id and retries.
   */
  async nextSeq(series: string): Promise<number> {
    for (let attempt = 0; ; attempt++) {
      try {
        const r = await this.m.counters
          .findOneAndUpdate({ _id: series }, { $inc: { seq: 1 } }, { upsert: true, returnDocument: 'after' })
          .lean<{ seq: number }>()
          .exec();
        return r!.seq;
      } catch (err) {
        if (!isDuplicate(err) || attempt >= 5) throw err;
      }
    }
  }

  async markIssued(id: mongoose.Types.ObjectId, set: Pick<DocumentDoc, 'number' | 'seq' | 'year' | 'issuer' | 'recipient' | 'template' | 'file' | 'issuedAt' | 'values'>): Promise<DocumentDoc> {
    return (await this.m.documents
      .findOneAndUpdate({ _id: id }, { $set: { ...set, status: 'issued' }, $unset: { error: 1 } }, { returnDocument: 'after' })
      .lean<DocumentDoc>()
      .exec())!;
  }

  async markFailed(id: mongoose.Types.ObjectId, set: Partial<DocumentDoc> & { error: string }): Promise<void> {
    await this.m.documents.updateOne({ _id: id }, { $set: { ...set, status: 'failed' } }).exec();
  }

  /** 作废: only an issued document, once; its number, file and text stay. Null when it was not issued. */
  voidIssued(id: mongoose.Types.ObjectId, voided: NonNullable<DocumentDoc['voided']>): Promise<DocumentDoc | null> {
    return this.m.documents
      .findOneAndUpdate({ _id: id, status: 'issued' }, { $set: { status: 'voided', voided } }, { returnDocument: 'after' })
      .lean<DocumentDoc>()
      .exec();
  }

  /** Records the rendered PDF unless another request did first; the record then in force. */
  async setPdf(id: mongoose.Types.ObjectId, pdf: NonNullable<DocumentDoc['pdf']>): Promise<DocumentDoc | null> {
    const set = await this.m.documents.findOneAndUpdate({ _id: id, pdf: { $exists: false } }, { $set: { pdf } }, { returnDocument: 'after' }).lean<DocumentDoc>().exec();
    if (set) return set;
    await this.bucket().delete(pdf.id).catch(() => undefined); // the other request's PDF stands
    return this.m.documents.findById(id).lean<DocumentDoc>().exec();
  }

  correctionOf(id: mongoose.Types.ObjectId): Promise<DocumentDoc | null> {
    return this.m.documents.findOne({ 'corrects.id': id }).lean<DocumentDoc>().exec();
  }

  find(id: string): Promise<DocumentDoc | null> {
    if (!/^[0-9a-f]{24}$/i.test(id)) return Promise.resolve(null);
    return this.m.documents.findById(id).lean<DocumentDoc>().exec();
  }

  ofCase(caseId: mongoose.Types.ObjectId | string): Promise<DocumentDoc[]> {
    return this.m.documents.find({ caseId: new mongoose.Types.ObjectId(String(caseId)) }).sort({ issuedAt: 1, _id: 1 }).lean<DocumentDoc[]>().exec();
  }

  // ---- files (GridFS `attachments`, so the case's attachment download serves them too) ----

  private bucket() {
    return new mongoose.mongo.GridFSBucket(this.connection.db!, { bucketName: 'attachments' });
  }

  async storeFile(data: Buffer, meta: { caseId: string; name: string; uploadedBy: string; documentId: string; type?: 'docx' | 'pdf' }) {
    const digest = sha256(data);
    const type = meta.type ?? 'docx';
    const stream = this.bucket().openUploadStream(meta.name, {
      metadata: { caseId: meta.caseId, name: meta.name, type, contentType: MIME[type], sha256: digest, uploadedBy: meta.uploadedBy, documentId: meta.documentId },
    });
    await new Promise<void>((resolve, reject) => {
      stream.once('error', reject);
      stream.once('finish', () => resolve());
      stream.end(data);
    });
    return { id: stream.id as mongoose.Types.ObjectId, name: meta.name, size: data.length, sha256: digest };
  }

  openFile(id: mongoose.Types.ObjectId) {
    return this.bucket().openDownloadStream(id);
  }

  async readFile(id: mongoose.Types.ObjectId): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const c of this.openFile(id)) chunks.push(c as Buffer);
    return Buffer.concat(chunks);
  }

  // ---- template revisions ----

  async latestTemplate(packageId: string, kind: string): Promise<TemplateRevision | null> {
    return withBuffer(await this.m.templates.findOne({ packageId, kind }).sort({ revision: -1 }).lean<TemplateRevision>().exec());
  }

  async template(packageId: string, kind: string, revision: number): Promise<TemplateRevision | null> {
    return withBuffer(await this.m.templates.findOne({ packageId, kind, revision }).lean<TemplateRevision>().exec());
  }

  hasPackageTemplate(packageId: string, kind: string, digest: string): Promise<boolean> {
    return this.m.templates.exists({ packageId, kind, sha256: digest, source: 'package' }).exec().then((r) => !!r);
  }

  revisions(packageId: string, kind: string): Promise<Omit<TemplateRevision, 'data'>[]> {
    return this.m.templates.find({ packageId, kind }, { data: 0 }).sort({ revision: 1 }).lean<Omit<TemplateRevision, 'data'>[]>().exec();
  }

  /** Appends the next revision; two writers racing for a number: the index refuses one, it retries. */
  async addTemplate(t: Omit<TemplateRevision, '_id' | 'revision' | 'sha256'>): Promise<TemplateRevision> {
    for (let attempt = 0; ; attempt++) {
      const last = await this.m.templates.findOne({ packageId: t.packageId, kind: t.kind }, { revision: 1 }).sort({ revision: -1 }).lean<{ revision: number }>().exec();
      try {
        const created = await this.m.templates.create({ ...t, sha256: sha256(t.data), revision: (last?.revision ?? 0) + 1 });
        return created.toObject() as TemplateRevision;
      } catch (err) {
        if (!isDuplicate(err) || attempt >= 5) throw err;
      }
    }
  }
}
