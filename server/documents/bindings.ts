// The document kinds of the package version in force, read once per (package, version):
// versions are immutable, and a completion asks only for the live version's number.
import type { DiagramElement, PackagesService } from '../packages';
import { contentOf, diagramsWithElements, storedFile } from '../packages';
import { bindingTargets, placeholdersOf, type DocumentKind } from './binding';
import type { FieldPlaceholder } from './template/vocabulary';

export interface KindBinding {
  packageId: string;
  packageVersion: number;
  kind: DocumentKind;
  /** The issuing elements, each with the diagram (process key) it is drawn in. */
  targets: (DiagramElement & { diagram: string })[];
  fields: FieldPlaceholder[];
  /** The template file the package version ships. */
  packageTemplate: Buffer;
  courtAbbreviations: Record<string, string>;
}

export class Bindings {
  private readonly cache = new Map<string, Promise<KindBinding[]>>();
  constructor(private readonly packages: Pick<PackagesService, 'liveVersionNumber' | 'load'>) {}

  async of(packageId: string): Promise<KindBinding[]> {
    const version = await this.packages.liveVersionNumber(packageId);
    if (version === null) return [];
    const key = `${packageId}@${version}`;
    let hit = this.cache.get(key);
    if (!hit) {
      hit = this.read(packageId, version);
      this.cache.set(key, hit);
      hit.catch(() => this.cache.delete(key));
    }
    return hit;
  }

  /** The kind an element issues in a case of `processKey` (its top-level process), if any. */
  async forElement(packageId: string, processKey: string, elementId: string): Promise<KindBinding | undefined> {
    const matches = (await this.of(packageId)).filter((b) => b.targets.some((t) => t.id === elementId));
    return matches.find((b) => b.targets.some((t) => t.id === elementId && t.diagram === processKey)) ?? matches[0];
  }

  private async read(packageId: string, version: number): Promise<KindBinding[]> {
    const doc = await this.packages.load(packageId, version);
    const content = contentOf(doc);
    const manifest = content.manifest;
    const elements = (await diagramsWithElements(content)).flatMap((d) => d.elements.map((e) => ({ ...e, diagram: d.key })));
    return (manifest.documents ?? []).flatMap((kind) => {
      const template = storedFile(doc, `templates/${kind.template}`);
      if (!template) return [];
      const { targets } = bindingTargets(kind, elements);
      const bound = elements.filter((e) => targets.some((t) => t.id === e.id && t.process === e.process));
      return [{
        packageId, packageVersion: version, kind, targets: bound,
        fields: placeholdersOf(bound, content.forms), packageTemplate: template,
        courtAbbreviations: manifest.courtAbbreviations ?? {},
      }];
    });
  }
}
