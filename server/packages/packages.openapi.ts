// The package routes in /api/openapi.json (server/http/openapi.ts), kept beside the routes.
const any = '任何已登录用户';
const admin = '流程管理员';

export const PACKAGES_API_PATHS = {
  '/api/packages': {
    get: { summary: '程序包列表：现行版本、最新版本、状态', roles: any },
    post: { summary: '导入程序包 zip 为草稿；先检查全部内容，有问题时 422 列出全部问题且不写入任何内容', roles: admin, body: 'application/zip（≤ 20 MB）' },
  },
  '/api/packages/{id}': { get: { summary: '程序包：清单、各版本、状态、参数（当前值）、条文', roles: any, query: ['version'] } },
  '/api/packages/{id}/export': { get: { summary: '导出程序包 zip（再导入得到同一程序包）', roles: any, query: ['version'] } },
  '/api/packages/{id}/publish': { post: { summary: '发布草稿：先保存表单修订，再部署各流程图', roles: admin, body: '{version?}' } },
  '/api/packages/{id}/parameters/{paramId}': {
    put: { summary: '修改期限：写入流程图、生成并发布新版本、返回在办案件的迁移预演', roles: admin, body: '{value}' },
  },
  '/api/packages/{id}/articles/{no}': { get: { summary: '条文正文（如 第四条、4）', roles: any, query: ['document'] } },
  '/api/packages/{id}/elements/{elementId}/clause': { get: { summary: '流程元素的依据条文及正文', roles: any, query: ['process'] } },
};
