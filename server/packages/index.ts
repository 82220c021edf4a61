// The package capability's public face: province packages (diagrams + forms + parameters +
// regulation text) imported as zips, published, exported, and shipped in processes/ + forms/.
export { createPackages } from './createPackages';
export type { Packages, PackagesOptions } from './createPackages';
export type { ShippedSummary } from './installShipped';
export type { PackagesService, LiveStartDeclarations } from './packages.service';
export type { PackageProblem, PackageFiles } from './types';
export type { Manifest, Articles, Parameter, StartFormDeclaration } from './manifest.schema';
export { readZip, ZIP_LIMITS } from './zip.read';
export { writeZip } from './zip.write';
export { validatePackage } from './validatePackage';
export { parseCitations, findArticle } from './citations';
export { contentOf, diagramsWithElements, storedFile } from './packageContent';
export type { PackageDoc } from './package.model';
export type { DiagramElement } from './diagram';
