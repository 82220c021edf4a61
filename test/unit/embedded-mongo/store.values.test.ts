// BSON value order and equality as MongoDB defines them (the base of sorting, range queries,
// index keys and unique checks).
import { Binary, Decimal128, Long, MaxKey, MinKey, ObjectId, Timestamp } from 'bson';
import { describe, expect, it } from 'vitest';
import { keyString } from '../../../server/embedded-mongo/store/keystring';
import { compareNumbers, canonicalNumber } from '../../../server/embedded-mongo/store/numbers';
import { compareStrings, compareValues, sameValue, valuesEqual } from '../../../server/embedded-mongo/store/values';
import { formatValue } from '../../../server/embedded-mongo/store/format';

describe('store values: type order', () => {
  it('orders types MinKey < null < numbers < string < object < array < binData < ObjectId < bool < date < timestamp < regex < MaxKey', () => {
    const ordered = [
      new MinKey(), null, 1, 'a', { a: 1 }, [1], new Binary(Buffer.from('x')), new ObjectId(),
      false, new Date(0), new Timestamp({ t: 1, i: 1 }), /a/, new MaxKey(),
    ];
    const shuffled = [...ordered].reverse();
    expect(shuffled.sort(compareValues)).toEqual(ordered);
  });

  it('treats missing (undefined) as null', () => {
    expect(compareValues(undefined, null)).toBe(0);
  });
});

describe('store values: numbers', () => {
  it('compares int, long, double and decimal by value', () => {
    expect(compareValues(1, Long.fromNumber(1))).toBe(0);
    expect(compareValues(Decimal128.fromString('1.0'), 1)).toBe(0);
    expect(compareValues(Long.fromNumber(2), 1.5)).toBe(1);
    expect(compareValues(Decimal128.fromString('-0.5'), -1)).toBe(1);
  });

  it('compares Long beyond 2^53 exactly (a double cannot tell these apart)', () => {
    const a = Long.fromString('9007199254740993'); // 2^53 + 1
    expect(compareValues(a, 9007199254740992)).toBe(1);
    expect(compareValues(Long.fromString('9007199254740992'), 9007199254740992)).toBe(0);
    expect(compareValues(a, Long.fromString('9007199254740992'))).toBe(1);
    expect(compareNumbers(Long.fromString('-9223372036854775808'), -9223372036854775808)).toBe(0);
  });

  it('compares Decimal128 with doubles exactly (0.1 as a double is slightly more than 0.1)', () => {
    expect(compareValues(Decimal128.fromString('0.1'), 0.1)).toBe(-1);
    expect(compareValues(Decimal128.fromString('0.5'), 0.5)).toBe(0);
  });

  it('sorts NaN below all numbers and equal to itself; -0 equals 0', () => {
    expect(compareValues(NaN, -Infinity)).toBe(-1);
    expect(compareValues(NaN, NaN)).toBe(0);
    expect(compareValues(-0, 0)).toBe(0);
  });

  it('gives equal numbers equal key strings', () => {
    expect(canonicalNumber(Decimal128.fromString('1.50'))).toBe(canonicalNumber(1.5));
    expect(keyString(Long.fromNumber(7))).toBe(keyString(7));
    expect(keyString(Decimal128.fromString('1E+21'))).toBe(keyString(1e21));
    expect(keyString(Decimal128.fromString('0.1'))).not.toBe(keyString(0.1));
    expect(keyString(Long.fromString('9007199254740993'))).not.toBe(keyString(9007199254740992));
  });
});

describe('store values: strings', () => {
  it('compares by UTF-8 bytes, not UTF-16 code units', () => {
    const emoji = '\u{1F600}'; // UTF-16 D83D DE00, UTF-8 F0 9F 98 80
    const fullwidth = '\uFF21'; // UTF-16 FF21, UTF-8 EF BC A1
    expect(emoji < fullwidth).toBe(true); // JavaScript's order
    expect(compareStrings(emoji, fullwidth)).toBe(1); // MongoDB's order
    expect(['b', emoji, 'a', fullwidth, '中'].sort(compareValues)).toEqual(['a', 'b', '中', fullwidth, emoji]);
  });

  it('is case-sensitive and byte-wise (uppercase first)', () => {
    expect(['b', 'B', 'a', 'A'].sort(compareValues)).toEqual(['A', 'B', 'a', 'b']);
  });
});

describe('store values: documents and arrays', () => {
  it('compares embedded documents field by field, in order', () => {
    expect(valuesEqual({ a: 1, b: 2 }, { a: 1, b: 2 })).toBe(true);
    expect(valuesEqual({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(false);
    expect(compareValues({ a: 1 }, { a: 1, b: 1 })).toBe(-1);
    expect(compareValues({ a: 1 }, { b: 0 })).toBe(-1); // field name decides before value
    expect(keyString({ a: 1, b: 2 })).not.toBe(keyString({ b: 2, a: 1 }));
  });

  it('compares arrays element by element', () => {
    expect(compareValues([1, 2], [1, 3])).toBe(-1);
    expect(compareValues([1, 2], [1])).toBe(1);
  });

  it('compares ObjectId by bytes, dates by time, binData by length first', () => {
    const a = new ObjectId('000000000000000000000001');
    const b = new ObjectId('000000000000000000000002');
    expect(compareValues(a, b)).toBe(-1);
    expect(compareValues(new Date(2), new Date(1))).toBe(1);
    expect(compareValues(new Binary(Buffer.from([9])), new Binary(Buffer.from([1, 1])))).toBe(-1);
  });

  it('tells type changes apart when deciding whether an update modified a document', () => {
    expect(sameValue({ a: 1 }, { a: 1 })).toBe(true);
    expect(sameValue({ a: 1 }, { a: Long.fromNumber(1) })).toBe(false);
    expect(sameValue({ a: 1, b: 1 }, { b: 1, a: 1 })).toBe(false);
  });

  it('formats values like mongod error messages', () => {
    expect(formatValue({ name: 'x', n: 1, id: new ObjectId('65a000000000000000000001') }))
      .toBe(`{ name: "x", n: 1, id: ObjectId('65a000000000000000000001') }`);
  });
});
