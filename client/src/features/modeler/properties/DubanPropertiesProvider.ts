// The platform's properties: 条文依据, 表单, 分派, 期限, 流转条件 — the modelling conventions of
// server/engine/README.md as fields an administrator fills in. Runs after the BPMN and Camunda
// providers (lower priority) and keeps of theirs only the groups the platform can run, so no
// field invites what the deploy checks would refuse (listeners, scripts, input parameters …).
/* eslint-disable @typescript-eslint/no-explicit-any */
import { Group, isSelectEntryEdited, isTextAreaEntryEdited, isTextFieldEntryEdited } from '@bpmn-io/properties-panel';
import {
  AssignmentCourtEntry, AssignmentModeEntry, AssignmentRoleEntry, AssignmentRuleEntry,
} from './AssignmentEntries';
import { CalledProcessEntry } from './CalledProcessEntry';
import { BasisEntry, ClauseTextEntry } from './ClauseEntries';
import { ConditionEntry } from './ConditionEntry';
import { DeadlineEntry } from './DeadlineEntry';
import { DocumentsEntry, issuesDocuments } from './DocumentsEntry';
import { FormEntry } from './FormEntry';
import { NameEntry } from './NameEntry';
import { getAssignmentMode, hasCondition, hasDeadline, isType, timerOf, type Element } from './model';

const KEEP_GROUPS = new Set(['general', 'error', 'escalation', 'link', 'CamundaPlatform__Output']);
const DROP_GENERAL_ENTRIES = /versionTag|isStartableInTasklist|historyTimeToLive/;

interface PanelGroup {
  id: string;
  label: string;
  component: unknown;
  entries: { id: string; component: unknown; isEdited?: unknown; element?: Element }[];
  shouldOpen?: boolean;
}

const needsBasis = (el: Element) =>
  isType(el, 'bpmn:UserTask') || !!timerOf(el) || isType(el, 'bpmn:Gateway') || isType(el, 'bpmn:SubProcess') ||
  isType(el, 'bpmn:CallActivity') || isType(el, 'bpmn:EndEvent') || isType(el, 'bpmn:IntermediateThrowEvent');

function dubanGroups(element: Element): PanelGroup[] {
  const groups: PanelGroup[] = [];
  const group = (id: string, label: string, entries: PanelGroup['entries']) =>
    groups.push({ id, label, component: Group, entries, shouldOpen: true });

  if (needsBasis(element)) {
    group('duban-basis', '条文依据', [
      { id: 'duban-basis', component: BasisEntry, isEdited: isTextFieldEntryEdited, element },
      { id: 'duban-clause', component: ClauseTextEntry, element },
    ]);
  }
  if (isType(element, 'bpmn:UserTask')) {
    group('duban-form', '表单', [{ id: 'duban-formKey', component: FormEntry, isEdited: isSelectEntryEdited, element }]);
    const entries: PanelGroup['entries'] = [{ id: 'duban-assignment-mode', component: AssignmentModeEntry, isEdited: isSelectEntryEdited, element }];
    if (getAssignmentMode(element) === 'groups') {
      entries.push(
        { id: 'duban-assignment-court', component: AssignmentCourtEntry, isEdited: isSelectEntryEdited, element },
        { id: 'duban-assignment-role', component: AssignmentRoleEntry, isEdited: isSelectEntryEdited, element },
      );
    }
    entries.push({ id: 'duban-assignment-rule', component: AssignmentRuleEntry, isEdited: isTextAreaEntryEdited, element });
    group('duban-assignment', '分派', entries);
  }
  if (issuesDocuments(element)) {
    group('duban-documents', '签发文书', [{ id: 'duban-documents', component: DocumentsEntry, element }]);
  }
  if (isType(element, 'bpmn:CallActivity')) {
    group('duban-call', '调用', [{ id: 'duban-calledElement', component: CalledProcessEntry, isEdited: isSelectEntryEdited, element }]);
  }
  if (hasDeadline(element)) {
    group('duban-deadline', '期限', [{ id: 'duban-deadline', component: DeadlineEntry, isEdited: isTextFieldEntryEdited, element }]);
  }
  if (hasCondition(element)) {
    group('duban-condition', '流转条件', [{ id: 'duban-condition', component: ConditionEntry, isEdited: isTextAreaEntryEdited, element }]);
  }
  return groups;
}

export default class DubanPropertiesProvider {
  static $inject = ['propertiesPanel', 'translate'];

  constructor(
    propertiesPanel: { registerProvider(priority: number, provider: unknown): void },
    private readonly translate: (s: string, r?: Record<string, string>) => string,
  ) {
    propertiesPanel.registerProvider(100, this);
  }

  getGroups(element: Element) {
    return (groups: PanelGroup[]) => {
      const kept = groups.filter((g) => KEEP_GROUPS.has(g.id));
      const general = kept.find((g) => g.id === 'general');
      if (general) {
        general.entries = general.entries
          .filter((e) => !DROP_GENERAL_ENTRIES.test(e.id))
          .map((e) => (e.id === 'name' ? { ...e, component: NameEntry, element } : e));
      }
      const at = general ? 1 : 0;
      kept.splice(at, 0, ...dubanGroups(element));
      // Group chrome (展开/收起, 此节已填写 …) is translated only when the group is given the service.
      for (const g of kept) (g as PanelGroup & { translate?: unknown }).translate = this.translate;
      return kept;
    };
  }
}
