// The forms capability's public face (DESIGN.md decision 7). Other capabilities (packages,
// tasks, definitions) use only what is exported here. See README.md in this folder.
export { FormsService, FORM_KEY } from './forms.service';
export type { FormRef, FormRevision, SaveResult, Problem, SubmissionContext, ValidatedSubmission, FormMeta, SeedResult } from './forms.service';
export { FormsRepository } from './forms.repository';
export { formsRoutes } from './forms.routes';
export { seedForms } from './seed';
export { SUPPORTED_COMPONENT_TYPES, LIMITS as FORM_LIMITS } from './policy';
export { resolvePrefill, prefillFields, LEDGER_FIGURES, type LedgerFigures } from './prefill';
export type { FormSchema, Component } from './components';
export { walk, labelOf, walk as walkForm, labelOf as formLabelOf } from './components';
export type { FileRef } from './strict';
