// 立案: which processes the signed-in user may open, with which start form and which courts as
// the supervised court; and opening a case through that form. A package declares all of this in
// its manifest (startForms, docs/PACKAGES.md); the server never trusts the browser's choice.
import type { CasesService } from '../cases/cases.service';
import type { CaseDoc } from '../cases/case.model';
import { COURT_LEVELS, supervises, type Court } from '../courts';
import type { DefinitionsRepository } from '../definitions/definitions.repository';
import { formLabelOf, walkForm, type FormRevision, type FormsService } from '../forms';
import type { Actor } from '../http/actor';
import { badRequest, forbidden, notFound, unprocessable, type ErrorDetail } from '../http/errors';
import type { LiveStartDeclarations, StartFormDeclaration } from '../packages';

/** Who may open a process whose package declares no start form (the rule before declarations). */
export const UNDECLARED_STARTERS = ['审查人员', '承办人', '流程管理员'];

export interface IntakeDeps {
  cases: CasesService;
  definitions: DefinitionsRepository;
  forms: Pick<FormsService, 'get' | 'latest' | 'validateSubmission'>;
  courts: { listAll(): Promise<Court[]> };
  packages: { liveStartDeclarations(): Promise<LiveStartDeclarations[]> };
  now: () => Date;
}

export interface CourtChoice {
  code: string;
  name: string;
  level: Court['level'];
}

export interface StartOption {
  process: string;
  /** The process's Chinese name (manifest processes[].title, else the diagram's name). */
  processTitle: string;
  /** The start form's title: what the user is opening (受理涉执申诉信访（督办）). */
  title: string;
  packageId: string | null;
  form: Pick<FormRevision, 'key' | 'revision' | 'schema'> | null;
  /** The courts the user may choose, ordered by level then code. */
  supervisedCourts: CourtChoice[];
  /** The supervised court is the user's own court (a province-wide matter such as 通报). */
  ownCourt: boolean;
  /** Data the start needs (form field keys). */
  requiredData: string[];
}

interface Candidate {
  option: Omit<StartOption, 'form' | 'supervisedCourts'>;
  declaration?: StartFormDeclaration;
  formRevision?: number;
  province?: string;
}

const levelRank = (c: Court) => COURT_LEVELS.indexOf(c.level);
const choice = (c: Court): CourtChoice => ({ code: c.code, name: c.name, level: c.level });

export class IntakeService {
  constructor(private readonly deps: IntakeDeps) {}

  /** Everything the user may open now. */
  async options(actor: Actor): Promise<StartOption[]> {
    const { own, supervised } = await this.courtsOf(actor);
    const out: StartOption[] = [];
    for (const c of await this.candidates()) {
      const option = await this.resolve(c, actor, own, supervised);
      if (option) out.push(option);
    }
    return out;
  }

  /** Opens a case of `body.process` through its declared start form: all checks, then one insert. */
  async start(actor: Actor, body: unknown): Promise<CaseDoc> {
    const input = parseStart(body);
    const { own, supervised } = await this.courtsOf(actor);
    const candidates = await this.candidates();
    const candidate = candidates.find((c) => c.option.process === input.process);
    if (!candidate) {
      if (candidates.notByHand.has(input.process)) throw forbidden(`流程“${input.process}”不能手工立案：其程序包没有为它声明立案表单`);
      throw notFound(`流程“${input.process}”尚未部署`);
    }
    const option = await this.resolve(candidate, actor, own, supervised);
    if (!option) throw forbidden(refusal(candidate));
    const supervisedCourt = input.supervisedCourt ?? (option.ownCourt ? own?.code : undefined);
    if (!supervisedCourt) throw badRequest('案件信息不完整', [{ field: 'supervisedCourt', message: '请选择被督办法院' }]);
    if (!option.supervisedCourts.some((c) => c.code === supervisedCourt)) {
      throw forbidden(option.ownCourt ? '该流程的被督办法院只能是本院' : '只能对本院辖区内的下级法院立案督办');
    }
    let data = input.data ?? {};
    if (option.form) {
      data = (await this.deps.forms.validateSubmission(option.form.schema, data)).data;
      delete data.submit; // the button's own value is not case data
      const late = futureDates(option.form.schema, data, this.deps.now());
      if (late.length) throw unprocessable(`表单有 ${late.length} 处需要修改`, late);
    }
    return this.deps.cases.start({ process: option.process, supervisingCourt: actor.court, supervisedCourt, data }, actor);
  }

  private async courtsOf(actor: Actor) {
    const all = await this.deps.courts.listAll();
    const own = all.find((c) => c.code === actor.court);
    const supervised = own
      ? all.filter((c) => supervises(own, c)).sort((a, b) => levelRank(a) - levelRank(b) || a.code.localeCompare(b.code))
      : [];
    return { own, supervised };
  }

  /** Every startable process: declared start forms of live packages, then undeclared processes. */
  private async candidates(): Promise<Candidate[] & { notByHand: Set<string> }> {
    const out = Object.assign([] as Candidate[], { notByHand: new Set<string>() });
    const packaged = new Set<string>();
    for (const p of await this.deps.packages.liveStartDeclarations()) {
      for (const proc of p.processes) packaged.add(proc.key);
      const title = (key: string) => p.processes.find((x) => x.key === key)?.title ?? key;
      if (p.startForms) {
        for (const proc of p.processes) if (!p.startForms.some((s) => s.process === proc.key)) out.notByHand.add(proc.key);
        for (const s of p.startForms) {
          out.push({
            option: { process: s.process, processTitle: title(s.process), title: s.title, packageId: p.packageId, ownCourt: s.supervised === 'own', requiredData: s.data },
            declaration: s,
            formRevision: p.formRevisions[s.form],
            province: p.province,
          });
        }
      } else {
        for (const proc of p.processes) {
          out.push({ option: { process: proc.key, processTitle: proc.title, title: proc.title, packageId: p.packageId, ownCourt: false, requiredData: [] } });
        }
      }
    }
    // Diagrams deployed outside any package (API deploys, older installs): the rule before packages.
    const seen = new Set<string>();
    for (const d of await this.deps.definitions.list()) {
      if (packaged.has(d.key) || seen.has(d.key)) continue;
      seen.add(d.key);
      out.push({ option: { process: d.key, processTitle: d.name ?? d.key, title: d.name ?? d.key, packageId: null, ownCourt: false, requiredData: [] } });
    }
    return out;
  }

  /** The option as this user may use it, or null when the user may not open it at all. */
  private async resolve(c: Candidate, actor: Actor, own: Court | undefined, supervised: Court[]): Promise<StartOption | null> {
    if (!own) return null;
    const s = c.declaration;
    if (!s) {
      if (!actor.roles.some((r) => UNDECLARED_STARTERS.includes(r)) || !supervised.length) return null;
      if (!(await this.deps.definitions.latest(c.option.process))) return null;
      return { ...c.option, form: null, supervisedCourts: supervised.map(choice) };
    }
    // A province's package is for its own courts (a 海南 user never opens a 吉林 case).
    if (own.province !== c.province || !s.starters.levels.includes(own.level)) return null;
    if (!actor.roles.some((r) => (s.starters.roles as string[]).includes(r))) return null;
    const scope = s.supervised;
    const courts = scope === 'own' ? [own] : supervised.filter((x) => !scope || scope.levels.includes(x.level));
    if (!courts.length) return null;
    if (!(await this.deps.definitions.latest(s.process))) return null;
    const form = c.formRevision ? await this.deps.forms.get(s.form, c.formRevision) : await this.deps.forms.latest(s.form);
    if (!form) return null;
    return { ...c.option, form: { key: form.key, revision: form.revision, schema: form.schema }, supervisedCourts: courts.map(choice) };
  }
}

function refusal(c: Candidate): string {
  const s = c.declaration;
  if (!s) return `只有${UNDECLARED_STARTERS.join('、')}可以立案，且须有辖区内的下级法院`;
  return `「${c.option.title}」只能由${c.province ?? ''}${s.starters.levels.join('、')}的${s.starters.roles.join('、')}立案`;
}

interface StartInput {
  process: string;
  supervisedCourt?: string;
  data?: Record<string, unknown>;
}

function parseStart(body: unknown): StartInput {
  const b = (body ?? {}) as Record<string, unknown>;
  const problems: ErrorDetail[] = [];
  if (typeof b.process !== 'string' || !b.process) problems.push({ field: 'process', message: '请选择流程' });
  // Without a process nothing says the court may be left out (an "own" declaration): ask for both.
  const courtNeeded = b.supervisedCourt !== undefined || typeof b.process !== 'string' || !b.process;
  if (courtNeeded && (typeof b.supervisedCourt !== 'string' || !b.supervisedCourt)) {
    problems.push({ field: 'supervisedCourt', message: '请选择被督办法院' });
  }
  if (b.data !== undefined && (typeof b.data !== 'object' || b.data === null || Array.isArray(b.data))) {
    problems.push({ field: 'data', message: '案件数据必须是对象' });
  }
  if (problems.length) throw badRequest('案件信息不完整', problems);
  return b as unknown as StartInput;
}

/** A start records what has happened: a date field (收到信访材料之日 …) cannot be after today, Beijing time. */
function futureDates(schema: { components?: unknown }, data: Record<string, unknown>, now: Date): ErrorDetail[] {
  const today = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  const out: ErrorDetail[] = [];
  walkForm(schema, ({ component }) => {
    const v = component.key ? data[component.key] : undefined;
    if (component.type !== 'datetime' || typeof v !== 'string') return;
    const day = /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : new Date(new Date(v).getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    if (day > today) out.push({ field: component.key, label: formLabelOf(component), message: `${formLabelOf(component)}不能晚于今天（${today}）` });
  });
  return out;
}
