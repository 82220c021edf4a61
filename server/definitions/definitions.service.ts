// Deploying a BPMN definition: validate everything, then store it as the next version.
// A running case stays on the version it started with.
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
}

export class DefinitionsService {
  constructor(private readonly deps: { definitions: DefinitionsRepository; clock: Clock }) {}

  async deploy(packageId: string, xml: string, actor: Actor): Promise<DeployResult> {
    const problems = await validateDefinition(xml);
    if (problems.length) {
      throw unprocessable(`流程图有 ${problems.length} 处问题，未部署`, problems.map((p) => ({ ...p })));
    }
    const { key, name } = describeDefinition(xml);
    const hash = createHash('sha256').update(xml).digest('hex');
    const latest = await this.deps.definitions.latest(key);
    // Deploying the same diagram twice does not make a new version.
    if (latest && latest.hash === hash && latest.packageId === packageId) {
      return { key, version: latest.version, unchanged: true };
    }
    const created = await this.deps.definitions.insertNextVersion({
      key,
      name,
      packageId,
      xml,
      hash,
      deployedAt: this.deps.clock.now(),
      deployedBy: actor.username,
    });
    return { key, version: created.version, unchanged: false };
  }

  list(packageId?: string): Promise<DefinitionDoc[]> {
    return this.deps.definitions.list({ packageId });
  }
}
