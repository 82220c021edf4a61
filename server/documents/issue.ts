// Issuing a document when its task is completed (or its event reached). The completion is
// already committed when this runs, so a refused completion never draws a number. The order
// keeps the series without gaps:
//   1. claim the record (unique per source and kind: a retry finds it and stops);
//   2. fill the template once with a blank 文号 — a template that cannot be filled fails here,
//      before any number is drawn;
//   3. draw the number (atomic $inc per court, kind and year) and fill for real;
//   4. store the .docx in the case's attachments and mark the record issued.
// A failure after 3 keeps the record with its number and the reason (a voided number, never
// reused). A process killed between 3 and 4 leaves such a record `issuing` with its number.
import mongoose from 'mongoose';
import type { Actor } from '../http/actor';
import type { Logger } from '../logger';
import type { KindBinding } from './bindings';
import { beijingDate } from './chineseDate';
import type { CourtRef, DocumentDoc } from './document.model';
import type { TemplateData } from './template/fill';
import type { DocumentsRepository } from './documents.repository';
import { formatNumber } from './numbering';
import { fillTemplate } from './template/fill';
import type { TemplatesService } from './templates.service';
import { caseValues, formValues } from './values';

export interface IssueRequest {
  source: string;
  binding: KindBinding;
  caseDoc: { _id: mongoose.Types.ObjectId; caseNo: string; supervisingCourt: string; supervisedCourt: string; subject?: Record<string, unknown> | null };
  element: string;
  form?: { schema: Record<string, unknown>; data: Record<string, unknown>; prefill: Record<string, unknown> };
  /** A correction's form-field values (the old document's, as edited), instead of `form`. */
  fields?: TemplateData;
  corrects?: DocumentDoc['corrects'];
  actor: Actor;
  at: Date;
}

/** The courts and the values a document of this request is filled with (文号 aside). */
export async function documentValues(deps: Pick<IssueDeps, 'courtName'>, req: Omit<IssueRequest, 'source'>) {
  const { binding, caseDoc, actor, at } = req;
  const court = async (code: string): Promise<CourtRef> => ({ code, name: (await deps.courtName(code)) ?? code });
  const issuer = await court(actor.court || caseDoc.supervisingCourt);
  // 主送: the case's other court — the supervised court, unless it is the one issuing.
  const recipient = await court(issuer.code === caseDoc.supervisedCourt ? caseDoc.supervisingCourt : caseDoc.supervisedCourt);
  const values: TemplateData = {
    ...(req.fields ?? (req.form ? formValues(req.form.schema, req.form.data, req.form.prefill) : {})),
    ...caseValues({
      kindName: binding.kind.name, issuerCourt: issuer.name, supervisingCourt: (await court(caseDoc.supervisingCourt)).name,
      supervisedCourt: (await court(caseDoc.supervisedCourt)).name, caseNo: caseDoc.caseNo, subject: caseDoc.subject, issuerName: actor.name ?? actor.username, at,
    }),
  };
  return { issuer, recipient, values };
}

export interface IssueDeps {
  repo: DocumentsRepository;
  templates: TemplatesService;
  courtName(code: string): Promise<string | undefined>;
  logger: Logger;
}

export async function issueDocument(deps: IssueDeps, req: IssueRequest): Promise<DocumentDoc> {
  const { repo } = deps;
  const { binding, caseDoc, actor, at } = req;
  const kind = binding.kind;
  const { doc: record, created } = await repo.claim({
    source: req.source, packageId: binding.packageId, kind: kind.kind, name: kind.name,
    caseId: caseDoc._id, caseNo: caseDoc.caseNo, element: req.element, ...(req.corrects ? { corrects: req.corrects } : {}),
  });
  if (!created) return record;

  let number: Pick<DocumentDoc, 'number' | 'seq' | 'year'> = {};
  try {
    const { issuer, recipient, values } = await documentValues(deps, req);
    const template = await deps.templates.current(binding);
    fillTemplate(template.data, { ...values, 文号: '' }); // fails here, before a number is drawn

    const year = beijingDate(at).year;
    const seq = await repo.nextSeq(`${issuer.code}|${kind.kind}|${year}`);
    number = { number: formatNumber(kind.numbering, { year, seq, abbreviation: binding.courtAbbreviations[issuer.code] ?? issuer.name }), seq, year };
    const data = fillTemplate(template.data, { ...values, 文号: number.number! });
    const file = await repo.storeFile(data, {
      caseId: String(caseDoc._id), name: `${kind.name}${number.number}.docx`, uploadedBy: actor.username, documentId: String(record._id),
    });
    return await repo.markIssued(record._id, {
      ...number, issuer: { court: issuer, username: actor.username, name: actor.name }, recipient,
      template: { revision: template.revision, sha256: template.sha256 }, file, issuedAt: at, values,
    });
  } catch (err) {
    const error = `文书未能生成：${(err as Error).message}`;
    deps.logger.error({ err, caseId: String(caseDoc._id), kind: kind.kind, number: number.number }, error);
    await repo.markFailed(record._id, { ...number, error, issuedAt: at }).catch(() => undefined);
    return { ...record, ...number, status: 'failed', error };
  }
}
