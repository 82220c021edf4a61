// A province package as docs/PACKAGES.md defines it, and the browser's working copy of one.
import type { Articles } from '../../modeler/articles';

export type { Articles };

export interface Parameter {
  id: string;
  label: string;
  element: string;
  process?: string;
  value: string;
  basis: string;
}

export interface Manifest {
  id: string;
  province: string;
  title: string;
  regulation: { title: string; docNo?: string; effective: string; articles: 'articles.json' };
  version: number | string;
  supersedes?: string;
  processes: { key: string; file: string; title: string }[];
  forms: string[];
  parameters: Parameter[];
  /** Official documents bound to elements (server/documents/README.md); kept as imported. */
  documents?: { kind: string; name: string; template: string; elements: string[]; process?: string; numbering: string }[];
  courtAbbreviations?: Record<string, string>;
}

export interface FormSchema {
  display?: string;
  title?: string;
  components: unknown[];
  [k: string]: unknown;
}

/** The working copy an administrator edits in the browser until it is imported as a draft. */
export interface Workspace {
  id: string;
  manifest: Manifest;
  articles: Articles;
  /** processes/<file> → BPMN XML */
  diagrams: Record<string, string>;
  /** forms/<name>.json → Form.io schema */
  forms: Record<string, FormSchema>;
  /** templates/<name>.docx → base64: document templates travel with the package unchanged. */
  templates?: Record<string, string>;
  /** The server version it was opened from; null for a new package. */
  base: { version: number } | null;
  savedAt: string;
}

/** One problem of an import or publish (docs/PACKAGES.md). */
export interface PackageProblem {
  file?: string;
  element?: string;
  line?: number;
  field?: string;
  code?: string;
  message: string;
}
