// `${…}` / JUEL conditions → FEEL, only where the translation is exact: comparisons, and/or/not,
// string / number / boolean literals and (dotted) variable names. Anything else (method calls,
// `execution`, `empty`, arithmetic, ternaries) is not translated: the caller flags it.
export type JuelResult = { feel: string } | { reason: string };

const KEYWORDS: Record<string, string> = {
  and: 'and', or: 'or', eq: '=', ne: '!=', gt: '>', lt: '<', ge: '>=', le: '<=', true: 'true', false: 'false', null: 'null',
};
const OPERATORS: Record<string, string> = { '==': '=', '!=': '!=', '>=': '>=', '<=': '<=', '>': '>', '<': '<', '&&': 'and', '||': 'or' };

export function juelToFeel(source: string): JuelResult {
  const m = /^\s*[$#]\{([\s\S]*)\}\s*$/.exec(source);
  if (!m) return { reason: '不是 ${…} 表达式' };
  const text = m[1];
  const out: string[] = [];
  const token = /\s*(?:("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')|(\d+(?:\.\d+)?)|([A-Za-z_][\w]*(?:\.[A-Za-z_]\w*)*)|(==|!=|>=|<=|&&|\|\||[<>!()]))/y;
  let pos = 0;
  let not = 0; // `!x` / `not x` → not(x): open parens to close after the next operand
  const closeNots = () => {
    while (not > 0) {
      out[out.length - 1] += ')';
      not--;
    }
  };
  while (pos < text.length) {
    if (/^\s*$/.test(text.slice(pos))) break;
    token.lastIndex = pos;
    const t = token.exec(text);
    if (!t) return { reason: `无法逐字翻译：「${text.slice(pos).trim().slice(0, 20)}」` };
    pos = token.lastIndex;
    const [, str, num, name, op] = t;
    if (str !== undefined) {
      const body = str.slice(1, -1).replace(/\\(['"\\])/g, '$1');
      out.push(JSON.stringify(body));
      closeNots();
    } else if (num !== undefined) {
      out.push(num);
      closeNots();
    } else if (name !== undefined) {
      if (name === 'not') {
        out.push('not(');
        not++;
        continue;
      }
      if (KEYWORDS[name]) {
        out.push(KEYWORDS[name]);
        if (['true', 'false', 'null'].includes(name)) closeNots();
        continue;
      }
      if (/^(execution|task|empty|div|mod|instanceof)$/.test(name.split('.')[0])) return { reason: `「${name}」在 FEEL 中没有对应写法` };
      // a call: name( … )
      if (/^\s*\(/.test(text.slice(pos))) return { reason: `方法调用「${name}(…)」无法逐字翻译` };
      out.push(name);
      closeNots();
    } else if (op === '!') {
      out.push('not(');
      not++;
    } else if (op === '(' || op === ')') {
      if (not > 0 && op === '(') return { reason: '「!(…)」请人工改写' };
      out.push(op);
    } else {
      out.push(OPERATORS[op]);
    }
  }
  if (not > 0) return { reason: '「!」后缺少操作数' };
  const feel = out.join(' ').replace(/\( /g, '(').replace(/ \)/g, ')');
  if (!feel.trim()) return { reason: '空表达式' };
  return { feel };
}
