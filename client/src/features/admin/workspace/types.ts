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
  dictionary?: DictionaryEntry[];
  /** Official documents bound to elements (server/documents/README.md); kept as imported. */
  documents?: { kind: string; name: string; template: string; elements: string[]; process?: string; numbering: string }[];
  courtAbbreviations?: Record<string, string>;
  /** How each period of the articles is accounted for (server/periods/README.md). */
  periods?: PeriodDecision[];
}

export type { PeriodDecision } from '../../../../../server/periods/types';
import type { PeriodDecision } from '../../../../../server/periods/types';

/** The package's data dictionary: a variable's Chinese label (docs/PACKAGES.md). */
export interface DictionaryEntry {
  name: string;
  label: string;
  type: 'date' | 'dateTime' | 'period' | 'text' | 'number' | 'boolean' | 'court' | 'person';
  description?: string;
}

export interface FormSchema {
  display?: string;
  title?: string;
  components: unknown[];
  [k: string]: unknown;
}

/** A package's draft as the browser edits it; stored on the server (one per package). */
export interface Workspace {
  id: string;
  manifest: Manifest;
  articles: Articles;
  /** processes/<file> → BPMN XML */
  diagrams: Record<string, string>;
  /** forms/<name>.json → Form.io schema */
  forms: Record<string, FormSchema>;
  /** templates/<name>.docx → base64 (a new package's zip); drafts on the server carry a package's templates themselves. */
  templates?: Record<string, string>;
  /** The published version it was opened from; null for a new package. */
  base: { version: number } | null;
  /** The server's save counter: a save is accepted only on top of the revision last read. */
  revision: number;
  liveVersion: number | null;
  /** Saved by whom and when (姓名), as the server last answered. */
  updatedBy: string;
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
