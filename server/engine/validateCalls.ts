// Deploy rules of call activities (callSpec.ts for the conventions).
import type { ModdleElement } from 'bpmn-moddle';
import { checkExpression } from './feel';
import { readCallSpec, type CallMapping } from './callSpec';
import { describe } from './validateLabels';
import type { Problem } from './types';

type El = ModdleElement;
interface Ctx {
  knownNames: Set<string>;
  processIds: Set<string>;
  /** Processes of the package (deploy): a call must name one of them or one of this file. */
  knownProcesses?: Set<string>;
  add(p: Problem): void;
}
const VAR_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function callRules(ctx: Ctx, el: El): void {
  const label = describe(el);
  const spec = readCallSpec(el as unknown as Record<string, unknown>);
  if (!spec.calledElement) {
    ctx.add({ element: el.id, code: 'CALL_ACTIVITY_TARGET', message: `${label} 没有指定被调用的流程（calledElement，填同一程序包中另一流程的标识）` });
    return;
  }
  if (spec.calledElement.includes('${')) {
    ctx.add({ element: el.id, code: 'CALL_ACTIVITY_TARGET', message: `${label} 的被调用流程「${spec.calledElement}」是表达式：平台只调用写明标识的流程` });
    return;
  }
  if (ctx.processIds.has(spec.calledElement)) return; // a process of this file: bpmn-engine runs it inside the case
  if (ctx.knownProcesses && !ctx.knownProcesses.has(spec.calledElement)) {
    ctx.add({ element: el.id, code: 'CALL_ACTIVITY_TARGET', message: `${label} 调用的流程「${spec.calledElement}」不在本程序包中：只能调用同一程序包的流程（先部署被调用的流程）` });
  }
  const check = (m: CallMapping, dir: '输入' | '输出') => {
    const what = `${dir}映射「${m.target || '?'}」`;
    if (m.all) return ctx.add({ element: el.id, code: 'CALL_MAPPING', message: `${label} 的${dir}映射 variables="all" 不支持：请逐项写明传递的数据（source 或 sourceExpression → target）` });
    if (!VAR_NAME.test(m.target)) ctx.add({ element: el.id, code: 'CALL_MAPPING', message: `${label} 的${what}的目标名须为英文标识符` });
    if (!m.source === !m.expression) return ctx.add({ element: el.id, code: 'CALL_MAPPING', message: `${label} 的${what}须有且只有一个来源：source（数据名）或 sourceExpression（FEEL）` });
    const expr = m.expression ?? m.source!;
    // An input reads the parent's data (known here); an output reads the child's (another file).
    const r = checkExpression(expr, dir === '输入' ? ctx.knownNames : undefined);
    for (const i of [...r.errors, ...(dir === '输入' ? r.warnings : [])]) {
      ctx.add({ element: el.id, code: i.code === 'FEEL_DOLLAR' ? 'DOLLAR_EXPRESSION' : 'CALL_MAPPING', message: `${label} 的${what}：${i.message}` });
    }
  };
  for (const m of spec.inputs) check(m, '输入');
  for (const m of spec.outputs) check(m, '输出');
}

/** Names a call activity makes known in the parent: its own id ({caseId, caseNo}) and each output. */
export function callNames(el: El): string[] {
  if (el.$type !== 'bpmn:CallActivity' || !el.id) return [];
  return [el.id as string, ...readCallSpec(el as unknown as Record<string, unknown>).outputs.map((o) => o.target).filter(Boolean)];
}
