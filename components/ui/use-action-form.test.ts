import { describe, expect, it } from 'vitest';
import { errorsForFields } from './use-action-form.ts';

const error = (fieldErrors: Record<string, string[]>) => ({ code: 'INVALID_INPUT' as const, message: 'Check the form.', fieldErrors });

describe('errorsForFields', () => {
  it('keeps the errors of the fields the form shows, and drops the rest', () => {
    expect(errorsForFields(error({ name: ['Give a name.'], hidden: ['x'] }), ['name', 'data'])).toEqual({ name: ['Give a name.'] });
  });
  it('puts errors on parts of a field on the field', () => {
    expect(errorsForFields(error({ 'labels.zone': ['Too long.'], 'labels.a b': ['Not a key.'] }), ['labels'])).toEqual({ labels: ['Too long.', 'Not a key.'] });
    expect(errorsForFields(error({ 'ports.0.target': ['Give a port.'] }), ['ports'])).toEqual({ ports: ['Give a port.'] });
  });
  it('prefers an exact field, and does not match a mere prefix of a name', () => {
    expect(errorsForFields(error({ 'ports.0': ['Bad.'] }), ['ports', 'ports.0'])).toEqual({ 'ports.0': ['Bad.'] });
    expect(errorsForFields(error({ labelsExtra: ['x'] }), ['labels'])).toEqual({});
  });
  it('gives nothing without field errors', () => {
    expect(errorsForFields({ code: 'INTERNAL', message: 'x' }, ['name'])).toEqual({});
  });
});
