// The package capability, assembled from what the platform passes in (STYLE.md 7).
import type { Connection } from 'mongoose';
import { Router } from 'express';
import type { Clock } from '../clock';
import type { DefinitionsService } from '../definitions/definitions.service';
import type { Guards } from '../http/actor';
import { extendApi } from '../http/openapi';
import type { Logger } from '../logger';
import type { MigrateFn, PackageScopePort, PackagesDeps } from './deps';
import { PackageOwners } from './owners';
import { installShipped, type ShippedSummary } from './installShipped';
import { PACKAGES_API_PATHS } from './packages.openapi';
import { PackagesRepository } from './packages.repository';
import { packagesRoutes } from './packages.routes';
import { packageValidateRoutes } from './validate.routes';
import { PackagesService } from './packages.service';
import { DraftsRepository } from './drafts.repository';
import { draftsRoutes } from './drafts.routes';
import { DraftsService } from './drafts.service';
import type { FormsPort } from './validatePackage';

export interface PackagesOptions {
  connection: Connection;
  definitions: Pick<DefinitionsService, 'deploy' | 'list'>;
  forms: FormsPort;
  migrate: MigrateFn;
  clock: Clock;
  logger: Logger;
  scope: PackageScopePort;
  /** 姓名 of an account, for the version history. */
  nameOf: (username: string) => Promise<string | undefined>;
}

export interface Packages {
  service: PackagesService;
  /** Which court each package belongs to (owners.ts): for the routes of forms, definitions, cases. */
  owners: PackageOwners;
  drafts: DraftsService;
  routes(guards: Guards): Router;
  /** Installs and publishes processes/<id>/ + forms/<id>/ under rootDir; never throws. */
  installShipped(rootDir: string): Promise<ShippedSummary>;
}

export function createPackages(opts: PackagesOptions): Packages {
  const repo = new PackagesRepository(opts.connection);
  const owners = new PackageOwners(opts.connection, repo, (province) => opts.scope.provinceIssuer(province));
  const deps: PackagesDeps = { ...opts, repo, owners };
  const service = new PackagesService(deps);
  const drafts = new DraftsService({ ...deps, drafts: new DraftsRepository(opts.connection), nameOf: opts.nameOf });
  extendApi(PACKAGES_API_PATHS);
  return {
    service,
    owners,
    drafts,
    routes: (guards) => Router().use(draftsRoutes(drafts, guards), packagesRoutes(service, guards, owners), packageValidateRoutes(deps, guards)),
    async installShipped(rootDir) {
      try {
        return await installShipped(deps, service, rootDir);
      } catch (err) {
        opts.logger.error({ err, rootDir }, '随平台提供的程序包未能安装');
        return { installed: [], skipped: [], failed: [{ id: '*', problems: [{ code: 'INSTALL_FAILED', message: (err as Error).message }] }] };
      }
    },
  };
}
