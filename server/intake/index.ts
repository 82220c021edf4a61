// 立案 (opening a case) through the start forms packages declare. See README.md.
export { IntakeService, UNDECLARED_STARTERS, type IntakeDeps, type StartOption, type CourtChoice } from './intake.service';
export { intakeRoutes } from './intake.routes';
