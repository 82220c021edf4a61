// Which deployed processes a timer or a message starts: the latest version of each process,
// read once per version (versions are immutable).
import { LRUCache } from 'lru-cache';
import type { DefinitionsRepository } from '../definitions/definitions.repository';
import { parseModdle } from '../engine/source';
import { startSpecs, type StartSpec } from '../engine/startSpec';

export interface ProcessStart {
  process: string;
  version: number;
  packageId: string;
  deployedAt: Date;
  spec: StartSpec;
}

const parsed = new LRUCache<string, StartSpec[]>({ max: 256 });

/** The timer / message start events of a diagram (none for a diagram started by hand). */
export async function startsOfXml(xml: string): Promise<StartSpec[]> {
  let specs = parsed.get(xml);
  if (!specs) {
    specs = startSpecs((await parseModdle(xml)).rootElement);
    parsed.set(xml, specs);
  }
  return specs;
}

export class StartRegistry {
  constructor(private readonly definitions: DefinitionsRepository) {}

  /** Start events of the latest version of every deployed process. */
  async all(): Promise<ProcessStart[]> {
    const latest = new Map<string, { key: string; version: number }>();
    for (const d of await this.definitions.list()) latest.set(d.key, d); // sorted by key, version
    const out: ProcessStart[] = [];
    for (const { key, version } of latest.values()) {
      const d = await this.definitions.get(key, version);
      if (!d || !/timerEventDefinition|messageEventDefinition/.test(d.xml)) continue;
      for (const spec of await startsOfXml(d.xml).catch(() => [])) {
        out.push({ process: key, version, packageId: d.packageId, deployedAt: new Date(d.deployedAt), spec });
      }
    }
    return out;
  }

  async timers(): Promise<ProcessStart[]> {
    return (await this.all()).filter((s) => s.spec.kind === 'timer');
  }

  async forMessage(name: string): Promise<ProcessStart[]> {
    return (await this.all()).filter((s) => s.spec.kind === 'message' && s.spec.message === name);
  }
}
