// Call activities (issue 17, server/calls/README.md): the face the platform assembles.
import type { Guards } from '../http/actor';
import type { CasesService } from '../cases/cases.service';
import { CallsService, type CallsDeps } from './calls.service';
import { callsRoutes } from './calls.routes';

export { CallsService } from './calls.service';

export function createCalls(deps: CallsDeps) {
  const service = new CallsService(deps);
  deps.casesRepo.observe((id, history) => service.afterCaseWrite(id, history).catch((err) => {
    // The sweep retries on the next scheduler pass.
    deps.logger.warn({ err, caseId: String(id) }, '调用活动：下级流程立案或结果送达未完成，将在下次巡检时重试');
  }));
  return { service, routes: (cases: CasesService, guards: Guards) => callsRoutes(service, cases, guards) };
}
