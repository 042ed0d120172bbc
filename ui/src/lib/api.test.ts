import { describe, expect, it } from 'vitest';
import { toCommandError } from './api';

describe('toCommandError', () => {
  it('keeps a command error as it came', () => {
    expect(
      toCommandError({ code: 'refused', message: 'over escrow', rule: 'allocation_mismatch' }),
    ).toEqual({ code: 'refused', message: 'over escrow', rule: 'allocation_mismatch' });
    expect(
      toCommandError({ code: 'invalid_input', message: 'bad', rule: 'r', path: '$.amount' }),
    ).toEqual({ code: 'invalid_input', message: 'bad', rule: 'r', path: '$.amount' });
    expect(toCommandError({ code: 'storage', message: 'locked' })).toEqual({
      code: 'storage',
      message: 'locked',
    });
  });
  it('wraps anything else as an ipc error', () => {
    expect(toCommandError('command case_count not allowed')).toEqual({
      code: 'ipc',
      message: 'command case_count not allowed',
    });
    expect(toCommandError({ message: 42 }).code).toBe('ipc');
  });
});
