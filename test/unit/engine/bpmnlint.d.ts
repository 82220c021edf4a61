// bpmnlint ships no types; only what modelCheck.test.ts uses (the browser gets it through bpmn-js-bpmnlint).
declare module 'bpmnlint' {
  export class Linter {
    constructor(options: { config: unknown; resolver: unknown });
    lint(definitions: unknown): Promise<Record<string, { id: string; message: string }[]>>;
  }
}
