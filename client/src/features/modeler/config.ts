// What the page gives the modeler (bpmn-js config `duban`): the package's forms and articles,
// courts and roles for assignment rules, and the deadline calculator. The bpmn-js modules read
// it through `config.duban`, so they never import the application.
import type { Articles } from './articles';

export interface DeadlinePreview {
  due?: string;
  lastDay?: string;
  provisional?: boolean;
  rule?: string;
  error?: string;
  /** The period comes from a form ({…}): known only when the timer starts. */
  formSet?: boolean;
}

export interface CourtOption {
  code: string;
  name: string;
  level: string;
}

export interface DubanModelerConfig {
  packageId: string;
  forms(): { key: string; title: string }[];
  courts(): CourtOption[];
  roles: string[];
  articles(): Articles | null;
  /** The package's data dictionary: deadlines are shown and typed with its Chinese labels. */
  dictionary?(): { name: string; label: string }[];
  previewDeadline(notation: string): Promise<DeadlinePreview>;
  /** The documents the package's manifest binds to an element (read-only in the panel). */
  documents?(elementId: string): BoundDocument[];
  /** Opens the form builder on a form of the package (the panel's 设计表单 link). */
  openForm?(key: string): void;
  /** The package's other processes: what a call activity may call (server/calls). */
  processes?(): { key: string; title: string }[];
  /** Opens the called process in the modeler (the panel's 打开被调用的流程 link). */
  openProcess?(key: string): void;
}

export interface BoundDocument {
  kind: string;
  name: string;
  template: string;
  numbering: string;
}

export const ROLES = ['承办人', '审查人员', '审批人', '院领导', '督察', '流程管理员', '系统管理员'];
