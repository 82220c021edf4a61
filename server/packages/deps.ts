// What the package machinery needs from the rest of the platform, passed in by createPackages.
import type { Clock } from '../clock';
import type { DefinitionsService } from '../definitions/definitions.service';
import type { Actor, Owned } from '../http/actor';
import type { Logger } from '../logger';
import type { PackageOwners } from './owners';
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

/** Scopes of administration (server/auth/scope.ts), as far as packages need them. */
export interface PackageScopePort {
  assertScope(actor: Actor, owned: Owned): Promise<void>;
  provinceIssuer(province: string): Promise<string | undefined>;
  courtOf(code: string): Promise<{ code: string; level: string; province: string | null } | null>;
  /** `upper` is `lower`'s court or one above it (分级督办). */
  supervises(upper: string, lower: string): Promise<boolean>;
  /** The 最高 court's code, if the platform has one. */
  topCourt(): Promise<string | undefined>;
}

export interface PackagesDeps {
  repo: PackagesRepository;
  owners: PackageOwners;
  scope: PackageScopePort;
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
