// Cockpit-style case administration (README.md in this folder).
export { CaseAdminService } from './caseAdmin.service';
export type { CaseAdminDeps } from './caseAdmin.service';
export { caseAdminRoutes, CASE_ADMIN_ROLE } from './caseAdmin.routes';
