// Deploy-time check of a FEEL expression. feelin reports unknown variables only as warnings
// when evaluating, and evaluation skips untaken branches, so names are found on the parse
// tree instead: every root name must be a known case variable, a local, or a built-in.
import { evaluate as feelEvaluate, parseExpression } from 'feelin';

export interface FeelIssue {
  code: 'FEEL_EMPTY' | 'FEEL_DOLLAR' | 'FEEL_SYNTAX' | 'FEEL_UNKNOWN_NAME' | 'FEEL_UNKNOWN_FUNCTION';
  message: string;
  position?: number;
}

export interface FeelCheck {
  errors: FeelIssue[];
  /** Unknown names: feelin would only warn at run time; deploy treats them as problems. */
  warnings: FeelIssue[];
}

/** `=expr` (Camunda 8 style) is accepted as `expr`. */
export function stripFeelPrefix(expr: string): string {
  return expr.trim().replace(/^=\s*/, '');
}

const builtinCache = new Map<string, boolean>();

function isBuiltinFunction(name: string): boolean {
  let known = builtinCache.get(name);
  if (known === undefined) {
    try {
      const r = feelEvaluate(name, {});
      known = typeof r.value === 'function' && r.warnings.length === 0;
    } catch {
      known = false;
    }
    builtinCache.set(name, known);
  }
  return known;
}

interface Node {
  name: string;
  from: number;
  to: number;
  parent: Node | null;
  firstChild: Node | null;
  nextSibling: Node | null;
  type: { isError: boolean };
}

/** lezer hands out a fresh object per access: nodes are compared by position. */
function same(a: Node | null, b: Node): boolean {
  return !!a && a.from === b.from && a.to === b.to && a.name === b.name;
}

function ancestors(node: Node): Node[] {
  const out: Node[] = [];
  for (let p = node.parent; p; p = p.parent) out.push(p);
  return out;
}

/** Inside a filter's brackets the item's own keys are in scope: not checked. */
function inFilterPredicate(node: Node): boolean {
  let child = node;
  for (const p of ancestors(node)) {
    if (p.name === 'FilterExpression' && !same(p.firstChild, child)) return true;
    child = p;
  }
  return false;
}

/**
 * Checks syntax and names. `knownNames` absent: every variable is reported (as feelin would
 * warn with an empty context). Names bound inside the expression (for/some/every, function
 * parameters, context keys) and `item` are locals.
 */
export function checkExpression(expr: string, knownNames?: Iterable<string>): FeelCheck {
  const errors: FeelIssue[] = [];
  const warnings: FeelIssue[] = [];
  const text = stripFeelPrefix(expr ?? '');
  if (!text) return { errors: [{ code: 'FEEL_EMPTY', message: '表达式为空' }], warnings };
  if (text.includes('${')) {
    errors.push({
      code: 'FEEL_DOLLAR',
      message: `不支持 \${…} 表达式「${text}」：bpmn-engine 的 \${} 没有运算符，条件会被悄悄跳过；请直接写 FEEL，如 amount > 100`,
    });
    return { errors, warnings };
  }
  const known = new Set(knownNames ?? []);
  const tree = parseExpression(text, {}, undefined);
  const nodes: Node[] = [];
  tree.iterate({ enter: (ref) => void nodes.push(ref.node as unknown as Node) });

  const bad = nodes.find((n) => n.type.isError);
  if (bad) {
    const near = text.slice(bad.from, Math.max(bad.to, bad.from + 1)) || '（结尾）';
    errors.push({
      code: 'FEEL_SYNTAX',
      message: `FEEL 表达式「${text}」语法错误：第 ${bad.from + 1} 个字符「${near}」附近无法解析`,
      position: bad.from,
    });
    return { errors, warnings };
  }

  const bound = new Set(['item', '?']);
  for (const n of nodes) {
    if (n.name !== 'Name') continue;
    const p = n.parent?.name;
    if (p === 'InExpression' || p === 'ParameterName' || p === 'Key') bound.add(text.slice(n.from, n.to));
  }

  const reported = new Set<string>();
  for (const n of nodes) {
    if (n.name !== 'VariableName' || inFilterPredicate(n)) continue;
    const name = text.slice(n.from, n.to).trim();
    if (bound.has(name) || known.has(name) || reported.has(name)) continue;
    const isCallee = n.parent?.name === 'FunctionInvocation' && same(n.parent.firstChild, n);
    if (isCallee && isBuiltinFunction(name)) continue;
    reported.add(name);
    warnings.push(isCallee
      ? { code: 'FEEL_UNKNOWN_FUNCTION', message: `表达式「${text}」调用了未知函数「${name}」`, position: n.from }
      : { code: 'FEEL_UNKNOWN_NAME', message: `表达式「${text}」引用了未声明的变量「${name}」：案件变量须为共享案件字段、表单命名空间（任务 id）或流程输出的变量`, position: n.from });
  }
  return { errors, warnings };
}
