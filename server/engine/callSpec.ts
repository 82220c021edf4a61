// Call activities to another process of the same package (issue 17): the child is a case of its
// own, linked to the parent (server/calls). Read from the diagram, pure and browser-safe (deploy,
// the modeler's lint and the engine read it the same way). The mappings are Camunda 7's
// `camunda:in` / `camunda:out` (Camunda Modeler: Call activity → In mappings / Out mappings) with
// the platform's FEEL:
//   <camunda:in  source="enforcementCaseNo" target="enforcementCaseNo"/>       copy a case value
//   <camunda:in  sourceExpression="{court: supervisedCourt}" target="checkOf"/>  FEEL over the parent
//   <camunda:out source="verdict" target="checkVerdict"/>                       copy a child value
//   <camunda:out sourceExpression="checkReport.result" target="checkResult"/>   FEEL over the child
// `variables="all"` is refused: a child gets what it is given (and the courts), nothing more.
type Behaviour = Record<string, unknown> | undefined;
interface Binding { $type?: string; source?: string; sourceExpression?: string; target?: string; variables?: string }

export interface CallMapping { source?: string; expression?: string; target: string; all?: boolean }
export interface CallSpec { calledElement: string; inputs: CallMapping[]; outputs: CallMapping[] }

function mappings(behaviour: Behaviour, type: string): CallMapping[] {
  const values = ((behaviour?.extensionElements as { values?: Binding[] } | undefined)?.values ?? []);
  return values.filter((v) => v.$type === type).map((v) => ({
    ...(v.source ? { source: v.source.trim() } : {}),
    ...(v.sourceExpression ? { expression: v.sourceExpression.trim() } : {}),
    target: (v.target ?? '').trim(),
    ...(v.variables ? { all: true } : {}),
  }));
}

export function readCallSpec(behaviour: Behaviour): CallSpec {
  return {
    calledElement: String(behaviour?.calledElement ?? '').trim(),
    inputs: mappings(behaviour, 'camunda:In'),
    outputs: mappings(behaviour, 'camunda:Out'),
  };
}

/** The message name the parent waits on for a child of `process` (server/calls). */
export const callMessageName = (process: string) => `call:${process}`;
