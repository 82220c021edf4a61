// Forms and attachments in /api/openapi.json (server/http/openapi.ts), kept beside the routes.
import { extendApi } from '../http/openapi';

const any = '任何已登录用户';
extendApi({
  '/api/forms': { get: { summary: '表单列表：每个表单的最新修订（不含定义）', roles: any, query: ['package'] } },
  '/api/forms/{key}': {
    get: { summary: '表单定义（最新修订或指定修订）；key 为「包标识/表单名」，URL 编码或写成两段', roles: any, query: ['revision'] },
  },
  '/api/forms/{key}/revisions': {
    get: { summary: '表单的全部修订（不含定义）', roles: any },
    post: { summary: '保存新修订（不可修改）；违反表单规范时 422 逐条列出', roles: '流程管理员', body: '{schema}' },
  },
  '/api/forms/{key}/revisions/{revision}': { get: { summary: '表单的某个修订', roles: any } },
  '/api/forms/{key}/preview': {
    get: { summary: '表单预览：表单定义与示例案件数据（预填字段）', roles: '流程管理员', query: ['revision'] },
    post: { summary: '表单预览的服务器校验（不保存）：200 {data} 或 422 逐字段列出', roles: '流程管理员', query: ['revision'], body: '{data}' },
  },
  '/api/attachments': {
    post: {
      summary: '上传附件（multipart，字段 file）：按文件内容校验类型，超限或不符时拒绝且不留任何数据',
      roles: '任务的办理人（?task=）；能查看案件的承办人、审查人员、审批人、院领导、流程管理员（?case=）',
      query: ['task', 'case'],
      body: 'multipart/form-data',
    },
  },
  '/api/attachments/{id}': { get: { summary: '下载附件（以附件方式，UTF-8 文件名）', roles: '能查看该案件的用户' } },
});
