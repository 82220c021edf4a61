// Forms over HTTP. A form key contains a slash (`hainan/supervisionLetter`): the client sends it
// URL-encoded (`hainan%2FsupervisionLetter`) or as two segments; both parse to the same key.
//   GET  /api/forms[?package=]                  latest revision of every form (no schemas)
//   GET  /api/forms/:key[?revision=N]           {form: {key, revision, schema, createdAt, createdBy}}
//   GET  /api/forms/:key/revisions              {revisions: [...]} (no schemas)
//   GET  /api/forms/:key/revisions/:n           {form}
//   POST /api/forms/:key/revisions {schema}     201 {key, revision} | 200 {…, unchanged} | 422
//   GET  /api/forms/:key/preview[?revision=N]   {form, prefill} (流程管理员: 表单预览)
//   POST /api/forms/:key/preview[?revision=N] {data}  the server's check: 200 {data} | 422
import { Router, type Request } from 'express';
import { badRequest, forbidden, notFound } from '../http/errors';
import type { Actor, Guards, Owned } from '../http/actor';
import { FORM_KEY, type FormsService } from './forms.service';
import './forms.openapi';

interface Target {
  key: string;
  rest: string[];
}

/** `*path` arrives as decoded segments; a key is always exactly `<package>/<form>`. */
function target(req: Request): Target {
  const raw = (req.params as { path?: string[] | string }).path ?? [];
  const parts = (Array.isArray(raw) ? raw : [raw]).join('/').split('/');
  const key = parts.slice(0, 2).join('/');
  if (!FORM_KEY.test(key)) throw notFound('表单不存在');
  return { key, rest: parts.slice(2) };
}

function revisionNo(s: unknown): number | undefined {
  if (s === undefined) return undefined;
  const n = Number(s);
  if (!Number.isInteger(n) || n < 1) throw badRequest('修订号应为正整数', [{ field: 'revision', message: '应为正整数' }]);
  return n;
}

async function revisionOf(service: FormsService, key: string, rev: unknown) {
  const revision = revisionNo(rev);
  const form = revision ? await service.get(key, revision) : await service.latest(key);
  if (!form) throw notFound(revision ? `表单 ${key} 没有第 ${revision} 版` : `表单 ${key} 不存在`);
  return form;
}

/** The court a form belongs to: its package's (server/packages/owners.ts). */
export type FormOwner = (key: string, actor: Actor) => Promise<Owned | null>;

export function formsRoutes(service: FormsService, guards: Guards, ownerOf: FormOwner = async () => null): Router {
  const r = Router();

  r.get('/forms', guards.requireUser, async (req, res) => {
    const pkg = typeof req.query.package === 'string' ? req.query.package : undefined;
    res.json({ forms: await service.list(pkg) });
  });

  r.get('/forms/*path', guards.requireUser, async (req, res) => {
    const { key, rest } = target(req);
    if (rest.length === 1 && rest[0] === 'revisions') {
      const revisions = await service.revisions(key);
      if (!revisions.length) throw notFound(`表单 ${key} 不存在`);
      res.json({ key, revisions });
      return;
    }
    if (rest.length === 1 && rest[0] === 'preview') {
      if (!guards.actor(req).roles.includes('流程管理员')) throw forbidden('仅流程管理员可预览表单');
      const form = await revisionOf(service, key, req.query.revision);
      res.json({ form, prefill: await service.previewPrefill(form.schema) });
      return;
    }
    let revision: number | undefined;
    if (rest.length === 2 && rest[0] === 'revisions') revision = revisionNo(rest[1]);
    else if (rest.length === 0) revision = revisionNo(req.query.revision);
    else throw notFound('表单不存在');
    const form = revision ? await service.get(key, revision) : await service.latest(key);
    if (!form) throw notFound(revision ? `表单 ${key} 没有第 ${revision} 版` : `表单 ${key} 不存在`);
    res.json({ form });
  });

  // A preview stores nothing: only saving a revision is checked against the form's owner.
  const ownForm = guards.requireScope((req, actor) => {
    const t = target(req);
    return t.rest[0] === 'preview' ? Promise.resolve(null) : ownerOf(t.key, actor);
  });
  r.post('/forms/*path', guards.requireUser, guards.requireRole('流程管理员'), ownForm, async (req, res) => {
    const { key, rest } = target(req);
    if (rest.length === 1 && rest[0] === 'preview') {
      // Nothing is stored: the answer is what a task's completion would say about this data.
      const form = await revisionOf(service, key, req.query.revision);
      const prefill = await service.previewPrefill(form.schema);
      const checked = await service.validateSubmission(form.schema, req.body?.data ?? {}, { prefill });
      res.json({ data: checked.data });
      return;
    }
    if (rest.length !== 1 || rest[0] !== 'revisions') throw notFound(`接口不存在：POST ${req.path}`);
    const schema = req.body?.schema;
    if (schema === undefined) throw badRequest('缺少表单定义', [{ field: 'schema', message: '必填' }]);
    const saved = await service.saveRevision(key, schema, guards.actor(req));
    res.status(saved.unchanged ? 200 : 201).json(saved);
  });
  return r;
}
