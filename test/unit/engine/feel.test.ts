// FEEL over case data: dates from JSON strings, the platform clock, and deploy-time checking.
import { describe, expect, it } from 'vitest';
import {
  FeelSyntaxError, checkExpression, evaluate, evaluateCondition, feelTest, fromFeel,
} from '../../../server/engine';

const now = new Date('2020-05-01T02:00:00Z'); // 10:00 in Beijing, years before the real clock

describe('evaluate', () => {
  it('makes case date strings usable as FEEL dates', () => {
    const vars = { filedAt: '2026-09-28', letterReceivedAt: '2026-09-28T20:30:00Z' };
    expect(fromFeel(evaluate('date("2026-09-28") + duration("P5D")', vars, { now }).value)).toBe('2026-10-03');
    expect(fromFeel(evaluate('filedAt + duration("P5D")', vars, { now }).value)).toBe('2026-10-03');
    // an instant is seen in Beijing time: 20:30Z is already the 29th
    expect(fromFeel(evaluate('date(letterReceivedAt)', vars, { now }).value)).toBe('2026-09-29');
    expect(fromFeel(evaluate('letterReceivedAt + duration("PT1H")', vars, { now }).value)).toBe('2026-09-28T21:30:00.000Z');
  });

  it('reads now() and today() from the platform clock, not the real one', () => {
    expect(fromFeel(evaluate('today()', {}, { now }).value)).toBe('2020-05-01');
    expect(fromFeel(evaluate('now()', {}, { now }).value)).toBe(now.toISOString());
  });

  it('returns contexts for assignment rules and reports missing data as warnings', () => {
    const r = evaluate('{court: supervisedCourt, role: "承办人"}', { supervisedCourt: 'HN-HK' }, { now });
    expect(r.value).toEqual({ court: 'HN-HK', role: '承办人' });
    const missing = evaluate('supervisedCourt', {}, { now });
    expect(missing.value).toBeNull();
    expect(missing.warnings[0]).toMatch(/变量不存在/);
  });

  it('throws a Chinese syntax error, and accepts a leading = (Camunda 8 style)', () => {
    expect(() => evaluate('amount >', { amount: 1 }, { now })).toThrow(FeelSyntaxError);
    expect(() => evaluate('amount >', { amount: 1 }, { now })).toThrow(/语法错误/);
    expect(evaluate('= amount * 2', { amount: 21 }, { now }).value).toBe(42);
  });
});

describe('conditions and unary tests', () => {
  it('only true takes a flow; null from missing data does not', () => {
    expect(evaluateCondition('amount > 100', { amount: 150 }, { now }).value).toBe(true);
    expect(evaluateCondition('amount > 100', {}, { now }).value).toBe(false);
    expect(evaluateCondition('"yes"', {}, { now }).value).toBe(false);
  });

  it('unary tests match one input', () => {
    expect(feelTest('"督办", "转办"', '督办', {}, { now }).value).toBe(true);
    expect(feelTest('> 100', 50, {}, { now }).value).toBe(false);
    expect(feelTest('[date("2020-01-01")..today()]', '2020-03-01', {}, { now }).value).toBe(true);
  });
});

describe('checkExpression', () => {
  const known = ['amount', 'reviewComplaint', 'supervisedCourt', 'courts'];

  it('passes known names, locals and built-ins', () => {
    for (const expr of [
      'amount > 100 and reviewComplaint.decision = "督办"',
      'for c in courts return c.code',
      'some c in courts satisfies c.level = "基层"',
      '{a: 1, b: a + amount}.b',
      'courts[level = "中院"]',
      'count(courts) > 2 and string length(supervisedCourt) > 0',
      '(function(x) x * 2)(amount)',
      'date and time("2026-01-01T00:00:00Z") < now()',
    ]) {
      expect(checkExpression(expr, known), expr).toEqual({ errors: [], warnings: [] });
    }
  });

  it('reports unknown names even in branches evaluation would skip', () => {
    const r = checkExpression('if amount > 100 then typo else 0', known);
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([expect.objectContaining({ code: 'FEEL_UNKNOWN_NAME', message: expect.stringContaining('typo') })]);
    expect(checkExpression('foo(amount)', known).warnings[0].code).toBe('FEEL_UNKNOWN_FUNCTION');
    // without known names every variable is unknown, as feelin would warn with an empty context
    expect(checkExpression('amount > 1').warnings).toHaveLength(1);
  });

  it('reports syntax errors with a position, and ${} explicitly', () => {
    const r = checkExpression('amount >', known);
    expect(r.errors).toEqual([expect.objectContaining({ code: 'FEEL_SYNTAX' })]);
    expect(r.errors[0].message).toMatch(/语法错误/);
    expect(checkExpression('${amount > 100}', known).errors[0].code).toBe('FEEL_DOLLAR');
    expect(checkExpression('  ', known).errors[0].code).toBe('FEEL_EMPTY');
  });
});
