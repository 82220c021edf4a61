// The document routes in /api/openapi.json (server/http/openapi.ts), kept beside the routes.
const caseReaders = '能查看该案件的用户（其他法院 404）';
const admin = '流程管理员';

export const DOCUMENTS_API_PATHS = {
  '/api/cases/{id}/documents': { get: { summary: '案件的文书：文号、发文法院、主送、模板版本、下载地址', roles: caseReaders } },
  '/api/documents/{id}': { get: { summary: '一件文书', roles: caseReaders } },
  '/api/documents/{id}/file': { get: { summary: '下载文书（.docx）', roles: caseReaders } },
  '/api/documents/templates': { get: { summary: '程序包现行版本的文书种类：绑定元素、文号格式、占位符、模板各版本', roles: '任何已登录用户', query: ['package'] } },
  '/api/documents/templates/{package}/{kind}/file': { get: { summary: '下载文书模板（默认现行版本）', roles: admin, query: ['revision'] } },
  '/api/documents/templates/{package}/{kind}/revisions': {
    post: { summary: '上传模板新版本；检查未知占位符、标记错误、宏等，有问题时 422 逐条列出且不保存', roles: admin, body: 'Word 文档 .docx（≤ 2 MB）' },
  },
};
