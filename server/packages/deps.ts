// What the package machinery needs from the rest of the platform, passed in by createPackages.
import type { Clock } from '../clock';
import type { DefinitionsService } from '../definitions/definitions.service';
import type { Logger } from '../logger';
import type { PackagesRepository } from './packages.repository';
import type { FormsPort, ValidationContext } from './validatePackage';

/** What the runtime's migration answers (server/definitions/migrateCases.ts), as far as we read it. */
export interface MigrationReport {
  fromVersion: number;
  cases: object[];
  counts: Record<string, number>;
}

/** The runtime's migration (POST /api/definitions/:key/migrate); packages only dry-run it. */
export type MigrateFn = (
  key: string,
  input: { fromVersion: number; toVersion: number; dryRun: boolean },
  actor: string,
) => Promise<MigrationReport>;

export interface PackagesDeps {
  repo: PackagesRepository;
  definitions: Pick<DefinitionsService, 'deploy' | 'list'>;
  forms: FormsPort;
  migrate: MigrateFn;
  clock: Clock;
  logger: Logger;
}

/** The checks an import makes against what the platform already holds. */
export function validationContext(deps: PackagesDeps): ValidationContext {
  let owners: Promise<Map<string, string>> | undefined; // read once per validation
  return {
    forms: deps.forms,
    provinceOf: (id) => deps.repo.provinceOf(id),
    async processOwner(key) {
      owners ??= deps.definitions.list().then((defs) => new Map(defs.map((d) => [d.key, d.packageId])));
      return (await owners).get(key);
    },
  };
}
