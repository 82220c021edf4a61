// The shape of a package diff (diff.ts computes it): a module of types only, with no imports, so
// the browser client imports it as it is (client/src/features/admin/api/packages.api.ts).
export type Change = 'added' | 'removed' | 'changed';

export interface PackageDiff {
  empty: boolean;
  info: { field: string; label: string; from: string | null; to: string | null }[];
  deadlines: { id: string; label: string; change: Change; from: string | null; to: string | null; labelFrom?: string; element: string }[];
  processes: { key: string; title: string; change: Change }[];
  elements: { process: string; id: string; name: string; type: string; change: Change }[];
  /** Diagrams whose XML changed with no element changed (layout, positions). */
  layout: string[];
  forms: { name: string; title: string; change: Change; fieldsAdded: string[]; fieldsRemoved: string[]; fieldsChanged: string[] }[];
  articles: { document: string; no: string; change: Change }[];
  dictionary: { name: string; label: string; change: Change }[];
}
