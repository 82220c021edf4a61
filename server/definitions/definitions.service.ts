// Deploying a BPMN definition: validate everything, pin the forms, then store it as the next
// version. A running case stays on the version it started with (and so on its forms).
import { createHash } from 'node:crypto';
import { describeDefinition, validateDefinition } from '../engine';
import { unprocessable } from '../http/errors';
import type { Actor } from '../http/actor';
import type { Clock } from '../clock';
import type { DefinitionDoc } from './definition.model';
import type { DefinitionsRepository } from './definitions.repository';

export interface DeployResult {
  key: string;
  version: number;
  unchanged: boolean;
  /** {formKey: revision} pinned by this version. */
  forms: Record<string, number>;
}

/** What deploying needs from the forms capability. */
export interface FormPins {
  latestRevisions(keys: Iterable<string>): Promise<Record<string, number>>;
}

export class DefinitionsService {
  constructor(private readonly deps: { definitions: DefinitionsRepository; clock: Clock; forms?: FormPins }) {}

  async deploy(packageId: string, xml: string, actor: Actor): Promise<DeployResult> {
    // Every form key must have a revision: the engine reports each task whose form is missing.
    const pins = this.deps.forms ? await this.deps.forms.latestRevisions(formKeysOf(xml)) : {};
    // A call activity calls a process of the same package, deployed before it (or this one).
    const { key: ownKey } = safeDescribe(xml);
    const knownProcesses = [...new Set([...(await this.deps.definitions.list({ packageId })).map((d) => d.key), ...(ownKey ? [ownKey] : [])])];
    const problems = await validateDefinition(xml, { ...(this.deps.forms ? { knownForms: Object.keys(pins) } : {}), knownProcesses });
    if (problems.length) {
      throw unprocessable(`流程图有 ${problems.length} 处问题，未部署`, problems.map((p) => ({ ...p })));
    }
    const { key, name } = describeDefinition(xml);
    const hash = createHash('sha256').update(xml).digest('hex');
    const latest = await this.deps.definitions.latest(key);
    // The same diagram with the same form revisions is not a new version; a new revision of
    // one of its forms is (new cases then use it; running cases keep theirs until migrated).
    if (latest && latest.hash === hash && latest.packageId === packageId && samePins(latest.forms, pins)) {
      return { key, version: latest.version, unchanged: true, forms: pins };
    }
    const created = await this.deps.definitions.insertNextVersion({
      key,
      name,
      packageId,
      xml,
      hash,
      forms: pins,
      deployedAt: this.deps.clock.now(),
      deployedBy: actor.username,
    });
    return { key, version: created.version, unchanged: false, forms: pins };
  }

  list(packageId?: string): Promise<DefinitionDoc[]> {
    return this.deps.definitions.list({ packageId });
  }
}

/** Every `camunda:formKey` in the diagram (attribute values, XML-unescaped). */
export function formKeysOf(xml: string): string[] {
  const keys = new Set<string>();
  for (const m of xml.matchAll(/\s[\w-]+:formKey\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    keys.add((m[1] ?? m[2]).replace(/&amp;/g, '&').trim());
  }
  return [...keys];
}

function samePins(a: Record<string, number> | undefined, b: Record<string, number>): boolean {
  const ak = Object.keys(a ?? {});
  return ak.length === Object.keys(b).length && ak.every((k) => a![k] === b[k]);
}

/** The process key, when the XML is readable enough to say (validation reports the rest). */
function safeDescribe(xml: string): { key?: string } {
  try {
    return describeDefinition(xml);
  } catch {
    return {};
  }
}
