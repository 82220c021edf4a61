// Form revisions: saved under the policy (policy.ts), stored immutably, pinned by deployed
// definitions, and used to validate every task submission on the server (validate.ts).
import { createHash } from 'node:crypto';
import { unprocessable } from '../http/errors';
import type { Actor } from '../http/actor';
import type { Clock } from '../clock';
import type { FormSchema } from './components';
import type { FormDoc } from './form.model';
import type { FormMeta, FormsRepository } from './forms.repository';
import { normalizeSchema } from './normalize';
import { checkSchema, type Problem } from './policy';
import { seedFormsFrom, type SeedResult } from './seed';
import { previewPrefill } from './preview';
import { validateSubmission, type SubmissionContext, type ValidatedSubmission } from './validate';

export type { Problem, SubmissionContext, ValidatedSubmission, FormMeta, SeedResult };

/** Same shape as the engine's check of `camunda:formKey`. */
export const FORM_KEY = /^[a-z0-9][a-z0-9-]*\/[A-Za-z][A-Za-z0-9_-]*$/;

export interface FormRef {
  key: string;
  revision: number;
}
export interface FormRevision extends FormRef {
  title?: string;
  schema: FormSchema;
  createdAt: Date;
  createdBy: string;
}
export interface SaveResult extends FormRef {
  /** The schema equals the latest revision's: no new revision was made. */
  unchanged: boolean;
}

export class FormsService {
  constructor(
    readonly repo: FormsRepository,
    private readonly clock: Pick<Clock, 'now'> = { now: () => new Date() },
  ) {}

  /**
   * Refuses (422, one detail per violation) or stores the next revision. Equal to the latest
   * revision: no new one. `ifNeverSaved` (seeding): equal to ANY earlier revision, no new one —
   * so a shipped file never overrides an administrator's later revision on restart.
   */
  async saveRevision(key: string, schema: unknown, actor: Pick<Actor, 'username'>, opts: { ifNeverSaved?: boolean } = {}): Promise<SaveResult> {
    if (typeof key !== 'string' || !FORM_KEY.test(key)) {
      throw unprocessable('表单键无效', [{ field: 'key', message: '表单键应为「包标识/表单名」，如 hainan/supervisionLetter' }]);
    }
    const problems = checkSchema(schema);
    if (problems.length) throw unprocessable(`表单有 ${problems.length} 处不符合平台要求，未保存`, problems.map((p) => ({ ...p })));
    const normalized = normalizeSchema(schema as FormSchema);
    const schemaJson = JSON.stringify(normalized);
    const hash = createHash('sha256').update(schemaJson).digest('hex');
    const same = opts.ifNeverSaved ? await this.repo.withHash(key, hash) : await this.repo.latest(key);
    if (same?.hash === hash) return { key, revision: same.revision, unchanged: true };
    const title = typeof normalized.title === 'string' ? normalized.title : undefined;
    const created = await this.repo.insertNextRevision({
      key, schemaJson, hash, createdAt: this.clock.now(), createdBy: actor.username, ...(title ? { title } : {}),
    });
    return { key, revision: created.revision, unchanged: false };
  }

  async latest(key: string): Promise<FormRevision | null> {
    return present(await this.repo.latest(key));
  }

  async get(key: string, revision: number): Promise<FormRevision | null> {
    return present(await this.repo.get(key, revision));
  }

  list(packageId?: string): Promise<FormMeta[]> {
    return this.repo.list(packageId);
  }

  revisions(key: string): Promise<FormMeta[]> {
    return this.repo.revisions(key);
  }

  /** {formKey: latest revision} for the keys that have one (deploy pins these). */
  async latestRevisions(keys: Iterable<string>): Promise<Record<string, number>> {
    return Object.fromEntries(await this.repo.latestRevisions([...new Set(keys)]));
  }

  /** The pure save policy: every violation, nothing stored. */
  checkSchema(schema: unknown): Problem[] {
    return checkSchema(schema);
  }

  /** Cleaned data, or throws AppError 422 with one {field, label, message} per field. */
  /** Example prefill for 表单预览 (preview.ts). */
  previewPrefill(schema: FormSchema): Promise<Record<string, unknown>> {
    return previewPrefill(schema, this.clock.now());
  }

  validateSubmission(schema: FormSchema, data: unknown, ctx?: SubmissionContext): Promise<ValidatedSubmission> {
    return validateSubmission(schema, data, ctx);
  }

  /** Seeds `<dir>/<package-id>/*.json` as `<package-id>/<file>`; a missing or empty dir is a no-op. */
  seedForms(dir: string, actor: Pick<Actor, 'username'> = { username: 'system' }): Promise<SeedResult> {
    return seedFormsFrom(this, dir, actor);
  }
}

function present(doc: FormDoc | null): FormRevision | null {
  if (!doc) return null;
  const { key, revision, title, createdAt, createdBy } = doc;
  return { key, revision, ...(title ? { title } : {}), schema: JSON.parse(doc.schemaJson), createdAt, createdBy };
}
