// GET /api/openapi.json: the HTTP contract, for integrators and tools. Kept beside the routes
// it describes; a test checks that every mounted route is listed here.
type Op = { summary: string; roles?: string; body?: string; query?: string[] };
type Paths = Record<string, Partial<Record<'get' | 'post' | 'put' | 'delete', Op>>>;

const any = '任何已登录用户';
export const API_PATHS: Paths = {
  '/api/session': {
    get: { summary: '当前会话：已登录时返回用户与 CSRF 令牌，未登录时 {user: null}（不是错误）', roles: '匿名' },
    post: { summary: '登录，返回用户与 CSRF 令牌', roles: '匿名', body: '{username, password}' },
    delete: { summary: '退出登录' , roles: any },
  },
  '/api/me': { get: { summary: '当前用户与 CSRF 令牌', roles: any } },
  '/api/me/password': { put: { summary: '修改本人密码', roles: any, body: '{currentPassword, newPassword}' } },
  '/api/users': {
    get: { summary: '用户列表（本辖区）', roles: '系统管理员、流程管理员、院领导、督察' },
    post: { summary: '新建用户', roles: '系统管理员', body: '{username, name, court, roles[], password}' },
  },
  '/api/users/import/template': { get: { summary: '用户导入模板（.xlsx：用户名、姓名、法院、角色、初始密码；附可选法院与角色）', roles: '系统管理员' } },
  '/api/users/import': {
    post: { summary: '从 Excel 批量导入用户：?dryRun=true 逐行报告问题、不写入；否则全部导入或全部不导入（422 逐行列出），201 返回每个新用户的初始密码（首次登录须修改）', roles: '系统管理员', body: '.xlsx 文件', query: ['dryRun=true|false'] },
  },
  '/api/users/{username}': {
    get: { summary: '用户详情', roles: '系统管理员、流程管理员、院领导、督察' },
    put: { summary: '修改角色、法院、停用、重置密码', roles: '系统管理员', body: '{name?, court?, roles?, disabled?, password?}' },
  },
  '/api/courts': {
    get: { summary: '法院列表（层级）', roles: any },
    post: { summary: '新建法院', roles: '系统管理员', body: '{code, name, level, parent, province}' },
  },
  '/api/courts/{code}': { put: { summary: '修改法院', roles: '系统管理员' } },
  '/api/courts/import': { post: { summary: '从 CSV 导入法院（全部成功或全部不写入）', roles: '系统管理员', body: 'text/csv' } },
  '/api/definitions': {
    get: { summary: '已部署的流程定义（不含 XML）', roles: any, query: ['packageId'] },
    post: { summary: '部署 BPMN 为新版本；有问题时 422 列出全部问题', roles: '流程管理员', body: '{packageId, xml}' },
  },
  '/api/definitions/{key}/migrate': {
    post: { summary: '将运行中的案件迁移到新版本（默认试运行）', roles: '流程管理员', body: '{fromVersion, toVersion, dryRun, idMap?}' },
  },
  '/api/cases': {
    get: {
      summary: '案件列表（本辖区，分页）：{items, total, page, pageSize}', roles: any,
      query: ['page', 'pageSize (≤100)', 'sort=createdAt|firstDueAt|closedAt', 'order=asc|desc', 'q (督办案号/执行案号/当事人)', 'court (被督办法院)', 'supervisingCourt', 'process', 'status=running|completed|failed|suspended', 'due=overdue|week', 'from', 'to (立案日期)'],
    },
    post: { summary: '立案督办', roles: '审查人员、承办人、流程管理员', body: '{process, supervisedCourt, caseNo?, data}' },
  },
  '/api/cases/{id}': { get: { summary: '案件详情：待办、定时器、全程留痕', roles: '本辖区用户' } },
  '/api/tasks': {
    get: {
      summary: '待办 / 已办（分页）：{items, total, page, pageSize}', roles: any,
      query: ['status=open|done', 'page', 'pageSize (≤100)', 'sort=dueAt|openedAt (待办) | completedAt (已办)', 'order=asc|desc', 'q (督办案号/执行案号/当事人)', 'court (被督办法院)', 'supervisingCourt', 'process', 'due=overdue|week|none (待办)', 'from', 'to (待办：收到日期；已办：办结日期)'],
    },
  },
  '/api/tasks/{id}': { get: { summary: '待办详情（含表单）', roles: '本辖区用户' } },
  '/api/tasks/{id}/complete': { post: { summary: '提交表单、办结任务', roles: '任务分派的法院与角色或用户', body: '{data}' } },
  '/api/deadline': { get: { summary: '期限计算器', roles: any, query: ['from', 'period=P5D|P5WD|P1M|PT24H', 'notation'] } },
  '/api/calendar/{year}': {
    get: { summary: '某年的节假日与调休', roles: any },
    put: { summary: '录入某年放假安排，并重新计算受影响的期限', roles: '流程管理员、系统管理员', body: '{published?, entries[{date, kind: rest|work, name?}]}' },
  },
  '/api/clock': {
    get: { summary: '平台时间', roles: any },
    post: { summary: '设置或拨动平台时间（仅 DUBAN_CLOCK=manual），到期定时器在应答前触发', roles: '系统管理员', body: '{set?: ISO, advance?: ISO 时长}' },
  },
};

/** Adds paths contributed by other capabilities (forms, attachments, packages). */
export function extendApi(paths: Paths): void {
  for (const [path, ops] of Object.entries(paths)) API_PATHS[path] = { ...API_PATHS[path], ...ops };
}

export function openApiDocument() {
  const paths = Object.fromEntries(
    Object.entries(API_PATHS).map(([path, ops]) => [
      path,
      Object.fromEntries(
        Object.entries(ops).map(([method, op]) => [
          method,
          {
            summary: op!.summary,
            description: [op!.roles && `权限：${op!.roles}`, op!.body && `请求体：${op!.body}`].filter(Boolean).join('\n'),
            parameters: [
              ...[...path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } })),
              ...(op!.query ?? []).map((q) => ({ name: q.split('=')[0], in: 'query', required: false, schema: { type: 'string' }, description: q })),
            ],
            ...(method !== 'get' && method !== 'delete' ? { security: [{ session: [], csrf: [] }] } : { security: [{ session: [] }] }),
            responses: {
              '2XX': { description: '成功' },
              '4XX': { description: '错误：{"error": {"code", "message", "details": []}}', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
            },
          },
        ]),
      ),
    ]),
  );
  return {
    openapi: '3.1.0',
    info: { title: '督办 Duban API', version: '0.1.0', description: '执行督办低代码流程平台的 HTTP 接口。状态变更请求须带 X-CSRF-Token 头。' },
    paths,
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'duban.sid' },
        csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' },
      },
      schemas: {
        Error: {
          type: 'object',
          properties: {
            error: {
              type: 'object',
              properties: { code: { type: 'string' }, message: { type: 'string' }, details: { type: 'array', items: { type: 'object' } } },
            },
          },
        },
      },
    },
  };
}
