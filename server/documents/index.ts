// The documents capability's public face (README.md in this folder): official documents
// (督办函, 催办函, 督促执行令, 通报 …) filled from .docx templates shipped in packages, numbered
// (文号) per issuing court, kind and year, stored with the case.
import type { Connection } from 'mongoose';
import type { Router } from 'express';
import type { CasesRepository } from '../cases/cases.repository';
import type { Clock } from '../clock';
import type { DefinitionsRepository } from '../definitions/definitions.repository';
import type { FormsService } from '../forms';
import type { Guards } from '../http/actor';
import type { Logger } from '../logger';
import type { PackagesService } from '../packages';
import { extendApi } from '../http/openapi';
import { Bindings } from './bindings';
import { DOCUMENTS_API_PATHS } from './documents.openapi';
import { DocumentsRepository } from './documents.repository';
import { documentsRoutes, type TaskFormOf } from './documents.routes';
import { DocumentsService } from './documents.service';
import { TemplatesService } from './templates.service';
import { LibreOfficeRenderer, type PdfRenderer } from './pdf/libreoffice';

export type { TaskCompleted, TimerFired } from './documents.service';
export type { DocumentsService } from './documents.service';
export type { TemplatesService } from './templates.service';
export { checkTemplate } from './template/inspect';
export { fillTemplate } from './template/fill';
export { formatNumber, checkNumbering } from './numbering';
export { arabicDate, hanziDate } from './chineseDate';
export { LibreOfficeRenderer, PdfUnavailableError, PDF_UNAVAILABLE, type PdfRenderer } from './pdf/libreoffice';

export interface DocumentsOptions {
  connection: Connection;
  packages: Pick<PackagesService, 'liveVersionNumber' | 'load'>;
  definitions: Pick<DefinitionsRepository, 'get'>;
  forms: Pick<FormsService, 'get'>;
  courtName(code: string): Promise<string | undefined>;
  clock: Clock;
  logger: Logger;
  /** soffice for the PDFs (config DUBAN_SOFFICE): a path, `off`, or undefined (PATH). */
  soffice?: string;
}

export function createDocuments(opts: DocumentsOptions) {
  const repo = new DocumentsRepository(opts.connection);
  const bindings = new Bindings(opts.packages);
  const templates = new TemplatesService(repo, bindings, opts.clock);
  const pdf: PdfRenderer = new LibreOfficeRenderer({ soffice: opts.soffice });
  const service = new DocumentsService({
    repo, bindings, templates, definitions: opts.definitions, forms: opts.forms, courtName: opts.courtName, pdf, logger: opts.logger,
  });
  extendApi(DOCUMENTS_API_PATHS);
  return {
    service,
    templates,
    pdf,
    routes: (cases: CasesRepository, guards: Guards, taskForm: TaskFormOf): Router => documentsRoutes(service, templates, cases, guards, opts.clock, taskForm),
  };
}
export type Documents = ReturnType<typeof createDocuments>;
