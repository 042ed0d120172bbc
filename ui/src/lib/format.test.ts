import { describe, expect, it } from 'vitest';
import { casesLabel } from './format';

describe('casesLabel', () => {
  it('uses the singular for exactly one case', () => {
    expect(casesLabel(1)).toBe('1 case');
  });
  it('uses the plural otherwise, zero included', () => {
    expect(casesLabel(0)).toBe('0 cases');
    expect(casesLabel(5)).toBe('5 cases');
  });
});
