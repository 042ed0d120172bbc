import { describe, expect, it } from 'vitest';
import { buildAction, formErrors, initialValues, movesMoney, previewAllocation } from './actions';

describe('action forms', () => {
  it('builds actions with amounts as strings and blank text left out', () => {
    const v = { ...initialValues('issue_recommendation'), to_freelancer: '300.00', to_client: ' 200.00 ' };
    expect(buildAction('issue_recommendation', v)).toEqual({
      type: 'issue_recommendation',
      to_freelancer: '300.00',
      to_client: '200.00',
    });
    expect(buildAction('record_client_response', { decision: 'decline', statement: 'No.' })).toEqual({
      type: 'record_client_response',
      decision: 'decline',
      statement: 'No.',
    });
    expect(buildAction('extend_clock', { clock: 'mediation', days: '3', reason: 'r' })).toEqual({
      type: 'extend_clock',
      clock: 'mediation',
      days: 3,
      reason: 'r',
    });
    expect(buildAction('approve_recommendation', {})).toEqual({ type: 'approve_recommendation' });
  });
  it('flags bad amounts before sending', () => {
    expect(formErrors('record_award', { to_freelancer: '1.234', to_client: '2' })).toHaveProperty('to_freelancer');
    expect(formErrors('record_award', { to_freelancer: '1.23', to_client: '2' })).toEqual({});
  });
  it('knows which actions move money', () => {
    expect(movesMoney({ type: 'record_client_response', decision: 'accept' })).toBe(true);
    expect(movesMoney({ type: 'record_client_response', decision: 'decline', statement: 'x' })).toBe(false);
    expect(movesMoney({ type: 'log_contact_attempt', party: 'client', channel: 'email', reached: false })).toBe(true);
    expect(movesMoney({ type: 'assign', specialist: 'ana' })).toBe(false);
  });
  it('reads a preview allocation', () => {
    expect(previewAllocation({ outcome: 'x', allocation: { to_freelancer: '1.00', to_client: '2.00' } })).toEqual({
      to_freelancer: '1.00',
      to_client: '2.00',
    });
    expect(previewAllocation({ to_freelancer: '1.00', to_client: '2.00' })).not.toBeNull();
    expect(previewAllocation('x')).toBeNull();
  });
});
