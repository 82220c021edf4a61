// The case documents route in /api/openapi.json (server/http/openapi.ts), kept beside the route.
import { extendApi } from '../http/openapi';

extendApi({
  '/api/cases/{id}/submissions': {
    get: { summary: '案件已提交的全部表单（按办结顺序，含所用表单修订与附件引用）及人员姓名', roles: '本辖区用户' },
  },
});
