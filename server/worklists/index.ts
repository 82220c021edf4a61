// The worklists capability: inbox and finished-task read models of the cases (README.md).
export { createWorklistsRepository, type WorklistsRepository } from './worklists.repository';
export { worklistQuery } from './worklistQuery';
export { NEVER, queueOf, queuesOf } from './rows';
