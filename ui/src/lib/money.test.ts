import { describe, expect, it } from 'vitest';
import {
  addMoney,
  compareMoney,
  formatMoney,
  fromMinor,
  isDecimal,
  moreThanHalf,
  subMoney,
  sumsTo,
  toMinor,
} from './money';

describe('money strings', () => {
  it('parses to minor units without floats', () => {
    expect(toMinor('500.00', 2)).toBe(50000n);
    expect(toMinor('0.1', 2)).toBe(10n);
    expect(toMinor('12', 2)).toBe(1200n);
    expect(toMinor('90071992547409.93', 2)).toBe(9007199254740993n);
    expect(() => toMinor('1.234', 2)).toThrow();
    expect(() => toMinor('1e3', 2)).toThrow();
  });
  it('formats minor units back', () => {
    expect(fromMinor(50000n, 2)).toBe('500.00');
    expect(fromMinor(5n, 2)).toBe('0.05');
    expect(fromMinor(-5n, 2)).toBe('-0.05');
    expect(fromMinor(7n, 0)).toBe('7');
  });
  it('adds, subtracts and compares exactly', () => {
    expect(addMoney('0.10', '0.20')).toBe('0.30');
    expect(subMoney('500.00', '300.00')).toBe('200.00');
    expect(compareMoney('10.5', '10.50')).toBe(0);
    expect(compareMoney('9.99', '10.00')).toBe(-1);
    expect(compareMoney('90071992547409.93', '90071992547409.92')).toBe(1);
  });
  it('checks that shares sum to the whole', () => {
    expect(sumsTo('300.00', '200.00', '500.00')).toBe(true);
    expect(sumsTo('300.00', '100.00', '500.00')).toBe(false);
    expect(sumsTo('0.1', '0.2', '0.30')).toBe(true);
  });
  it('knows more than half', () => {
    expect(moreThanHalf('337.50', '500.00')).toBe(true);
    expect(moreThanHalf('250.00', '500.00')).toBe(false);
    expect(moreThanHalf('250.01', '500.00')).toBe(true);
  });
  it('validates decimal input', () => {
    expect(isDecimal('300.00')).toBe(true);
    expect(isDecimal('300')).toBe(true);
    expect(isDecimal('300.001')).toBe(false);
    expect(isDecimal('-1')).toBe(false);
    expect(isDecimal('1,000')).toBe(false);
    expect(isDecimal('')).toBe(false);
  });
  it('formats with the currency', () => {
    expect(formatMoney('500.00', 'USD')).toBe('$500.00');
    expect(formatMoney('1234567.50', 'USD')).toBe('$1,234,567.50');
    expect(formatMoney('1000', 'JPY')).toBe('¥1,000');
    expect(formatMoney('12.00', 'CHF')).toBe('12.00 CHF');
  });
});
