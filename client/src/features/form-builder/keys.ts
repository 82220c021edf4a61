// Component keys are data names (submission fields, FEEL names like reviewComplaint.amount):
// ASCII only (server/forms/policy.ts: ^[A-Za-z][A-Za-z0-9_]*$). From a Chinese label the
// builder would make an invalid key, so we transliterate the court's common words with a small
// dictionary (longest match first) and fall back to `field1`, `field2` … for anything else.
const WORDS: Record<string, string> = {
  执行案号: 'enforcementCaseNo', 案号: 'caseNo', 案件: 'case', 当事人: 'party', 申请执行人: 'applicant', 申请人: 'applicant',
  被执行人: 'respondent', 信访人: 'petitioner', 信访: 'petition', 督办函: 'supervisionLetter', 督办: 'supervision', 催报: 'reportReminder',
  督促执行令: 'enforcementOrder', 通报: 'notice', 执行: 'enforcement', 法院: 'court', 承办人: 'handler', 承办: 'handling',
  审批人: 'approver', 审批: 'approval', 审查: 'review', 意见: 'opinion', 结论: 'conclusion', 决定: 'decision', 结果: 'result',
  理由: 'reason', 原因: 'cause', 情况: 'status', 说明: 'note', 备注: 'remark', 报告: 'report', 书面: 'written', 回复: 'reply',
  期限: 'period', 日期: 'date', 时间: 'time', 收到: 'received', 签收: 'signed', 立案: 'filed', 办结: 'closed', 结案: 'closed',
  金额: 'amount', 数额: 'amount', 标的: 'subject', 标的额: 'subjectAmount', 名称: 'name', 姓名: 'name', 电话: 'phone',
  联系电话: 'phone', 手机: 'mobile', 地址: 'address', 邮箱: 'email', 类型: 'type', 来源: 'source', 内容: 'content', 事项: 'matter',
  附件: 'attachment', 材料: 'materials', 证据: 'evidence', 是否: 'is', 同意: 'agree', 不同意: 'disagree', 提级: 'escalate',
  指定: 'designated', 上级: 'upper', 下级: 'lower', 处理: 'handling', 措施: 'measures', 财产: 'property', 查封: 'seizure',
  冻结: 'freeze', 拍卖: 'auction', 终本: 'terminated', 终结: 'termination', 中止: 'suspension', 恢复: 'resumption', 送达: 'served',
  编号: 'number', 序号: 'index', 数量: 'count', 天数: 'days', 次数: 'times', 领导: 'leader', 部门: 'department', 单位: 'unit',
  问题: 'issue', 整改: 'rectification', 反馈: 'feedback', 评查: 'evaluation', 巡查: 'inspection', 考核: 'assessment',
  开始: 'start', 结束: 'end', 起: 'from', 止: 'to', 选项: 'option', 文本: 'text', 数字: 'number', 选择: 'choice', 下拉: 'select',
  主要: 'main', 其他: 'other', 简要: 'brief', 详细: 'detailed', 具体: 'specific', 应当: 'should', 实际: 'actual', 预计: 'expected',
};
const ORDERED = Object.keys(WORDS).sort((a, b) => b.length - a.length);

export const KEY_PATTERN = /^[A-Za-z][A-Za-z0-9_]*$/;

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** `报告日期` → `reportDate`; `Report date` → `reportDate`; nothing recognisable → ''. */
export function transliterate(label: string): string {
  const parts: string[] = [];
  let rest = label.replace(/<[^>]*>/g, '');
  while (rest.length) {
    const word = ORDERED.find((w) => rest.startsWith(w));
    if (word) {
      parts.push(WORDS[word]);
      rest = rest.slice(word.length);
      continue;
    }
    const ascii = /^[A-Za-z0-9]+/.exec(rest);
    if (ascii) {
      parts.push(ascii[0].toLowerCase());
      rest = rest.slice(ascii[0].length);
      continue;
    }
    rest = rest.slice(1); // an unknown character or punctuation
  }
  const key = parts.map((p, i) => (i ? cap(p) : p)).join('').replace(/^[0-9]+/, '');
  return key.slice(0, 48);
}

/** A valid key for a label, not among `taken` (`reportDate`, `reportDate2`, … or `field1` …). */
export function keyForLabel(label: string, taken: Set<string>, fallback = 'field'): string {
  const base = transliterate(label) || fallback;
  if (!taken.has(base) && base !== fallback) return base;
  for (let n = base === fallback ? 1 : 2; ; n++) if (!taken.has(`${base}${n}`)) return `${base}${n}`;
}

/** Every key in a schema (nested components, columns, table rows). */
export function collectKeys(node: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach((n) => collectKeys(n, out));
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (typeof o.key === 'string' && typeof o.type === 'string') out.add(o.key);
    for (const k of ['components', 'columns', 'rows']) if (o[k]) collectKeys(o[k], out);
  }
  return out;
}

/** Replaces every invalid or duplicate key in place; returns what was renamed. */
export function repairKeys(schema: { components: unknown[] }): { from: string; to: string }[] {
  const renamed: { from: string; to: string }[] = [];
  const taken = new Set<string>();
  const visit = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if (typeof o.type === 'string') {
      const key = typeof o.key === 'string' ? o.key : '';
      if (!KEY_PATTERN.test(key) || taken.has(key)) {
        const label = typeof o.label === 'string' ? o.label : typeof o.title === 'string' ? o.title : '';
        const next = keyForLabel(label, taken, o.type === 'button' ? 'button' : 'field');
        renamed.push({ from: key, to: next });
        o.key = next;
      }
      taken.add(o.key as string);
    }
    for (const k of ['components', 'columns', 'rows']) if (o[k]) visit(o[k]);
  };
  visit(schema.components);
  return renamed;
}
