// The document routes in /api/openapi.json (server/http/openapi.ts), kept beside the routes.
const caseReaders = '能查看该案件的用户（其他法院 404）';
const admin = '流程管理员';

export const DOCUMENTS_API_PATHS = {
  '/api/cases/{id}/documents': { get: { summary: '案件的文书：文号、发文法院、主送、模板版本、下载地址', roles: caseReaders } },
  '/api/documents/{id}': { get: { summary: '一件文书', roles: caseReaders } },
  '/api/documents/{id}/file': { get: { summary: '下载文书（.docx）', roles: caseReaders } },
  '/api/documents/{id}/pdf': { get: { summary: '下载文书 PDF（首次请求时由 LibreOffice 生成并保存；服务器未安装时 503）', roles: caseReaders, query: ['inline'] } },
  '/api/documents/{id}/void': { post: { summary: '作废文书：保留文号与文件，记录原因', roles: '发文法院的承办人、审批人、院领导', body: '{reason}' } },
  '/api/documents/{id}/corrections': { post: { summary: '更正文书：签发一件新文书（新文号）并注明所更正的文书，原文书不变', roles: '发文法院的承办人、审批人、院领导', body: '{values: {表单字段键: 更正后的文字}}' } },
  '/api/tasks/{id}/document': { get: { summary: '该任务办结时签发的文书种类（无则 null）', roles: caseReaders } },
  '/api/tasks/{id}/document-preview': { post: { summary: '预览该任务将签发的文书（不编号、不保存）', roles: '该任务的承办人', query: ['format'], body: '{data: 表单数据}' } },
  '/api/documents/templates': { get: { summary: '程序包现行版本的文书种类：绑定元素、文号格式、占位符、模板各版本', roles: '任何已登录用户', query: ['package'] } },
  '/api/documents/templates/{package}/{kind}/file': { get: { summary: '下载文书模板（默认现行版本）', roles: admin, query: ['revision'] } },
  '/api/documents/templates/{package}/{kind}/revisions': {
    post: { summary: '上传模板新版本；检查未知占位符、标记错误、宏等，有问题时 422 逐条列出且不保存', roles: admin, body: 'Word 文档 .docx（≤ 2 MB）' },
  },
};
