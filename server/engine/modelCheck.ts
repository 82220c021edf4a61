// The platform's modelling rules over a parsed diagram (the moddle tree): ONE source, run by
// the server at deploy (validate.ts, after the XML safety checks and the parse) and by the
// browser modeler's lint (client/src/features/modeler/lint), so the modeler never says 检查通过
// on a diagram the server refuses. Everything imported from here must stay browser-safe: no
// Node modules, no calendar data, no engine (test/unit/engine/modelCheck.test.ts checks).
/// <reference path="./vendor.d.ts" />
import type { ModdleElement } from 'bpmn-moddle';
import { COURT_FUNCTIONS, SHARED_CASE_NAMES } from './feel';
import { elementRules, type RuleContext } from './validateRules';
import { messageFileRules, messageNames } from './validateMessages';
import { processStartRules } from './validateStarts';
import { startSpecOf } from './startSpec';
import type { Problem } from './types';

export interface ModelCheckOptions {
  /** Form keys that exist (`<package>/<form>`); absent: form keys are checked for shape only. */
  knownForms?: Iterable<string>;
  /** Case variable names beyond the shared ones, task namespaces and output parameters. */
  knownNames?: Iterable<string>;
}

function children(el: ModdleElement): ModdleElement[] {
  return ((el.flowElements ?? []) as ModdleElement[]).concat((el.artifacts ?? []) as ModdleElement[]);
}

export function walk(el: ModdleElement, visit: (el: ModdleElement) => void): void {
  for (const child of children(el)) {
    visit(child);
    walk(child, visit);
  }
}

/** Known names: shared case data, each user task's form namespace, every output parameter. */
function collectNames(processes: ModdleElement[], extra: Iterable<string> | undefined): Set<string> {
  const names = new Set<string>([...SHARED_CASE_NAMES, ...COURT_FUNCTIONS, ...(extra ?? [])]);
  for (const p of processes) {
    walk(p, (el) => {
      if (el.$type === 'bpmn:UserTask' && el.id) names.add(el.id);
      // A message catch's payload, and a cycle's occurrence {at, dueBy, count}, land under the
      // element's id (messages.ts, cycles.ts).
      for (const n of messageNames(el)) names.add(n);
      // A message start's payload and a timer start's occurrence land under the start event's id.
      if (startSpecOf(el) && el.id) names.add(el.id as string);
      for (const d of (el.eventDefinitions ?? []) as ModdleElement[]) {
        if (d.$type === 'bpmn:TimerEventDefinition' && d.timeCycle && el.id) names.add(el.id as string);
      }
      const values = ((el.extensionElements as { values?: ModdleElement[] } | undefined)?.values ?? []);
      for (const v of values) {
        for (const o of (v.outputParameters ?? []) as { name?: string }[]) if (o.name) names.add(o.name);
      }
    });
  }
  return names;
}

/** Every problem of the diagram whose root (bpmn:Definitions) is given; lines are the caller's. */
export function checkModel(definitions: ModdleElement, options: ModelCheckOptions = {}): Problem[] {
  const problems: Problem[] = [];
  const add = (p: Problem) => problems.push(p);
  const rootElements = (definitions.rootElements ?? []) as ModdleElement[];
  const processes = rootElements.filter((e) => e.$type === 'bpmn:Process');
  const executable = processes.filter((p) => p.isExecutable);
  if (executable.length !== 1) {
    add({
      element: executable[1]?.id ?? processes[0]?.id,
      code: 'PROCESS_COUNT',
      message: `流程图须恰好有一个可执行流程（isExecutable="true"），现有 ${executable.length} 个`,
    });
  }

  const incoming = new Map<string, number>();
  const userTaskIds = new Set<string>();
  for (const p of processes) {
    walk(p, (el) => {
      const target = (el.targetRef as ModdleElement | undefined)?.id;
      if (el.$type === 'bpmn:SequenceFlow' && target) incoming.set(target, (incoming.get(target) ?? 0) + 1);
      if (el.$type === 'bpmn:UserTask' && el.id) userTaskIds.add(el.id as string);
    });
  }
  const ctx: RuleContext = {
    incoming,
    userTaskIds,
    knownNames: collectNames(processes, options.knownNames),
    knownForms: options.knownForms ? new Set(options.knownForms) : undefined,
    processIds: new Set(processes.map((p) => p.id as string)),
    messages: [],
    add,
  };
  for (const p of processes) {
    processStartRules(ctx, p);
    walk(p, (el) => elementRules(el, ctx));
  }
  messageFileRules(ctx.messages!, add);
  return problems;
}
