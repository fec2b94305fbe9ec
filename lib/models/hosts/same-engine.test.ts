import { describe, expect, it } from 'vitest';
import { renderMessage } from '@/lib/i18n/render-message.ts';
import { engineIdOf, findSameEngine, sameEngineMessage, type RegisteredEngine } from './same-engine.ts';

const ID = 'ZV7J:4Y5K:BQ6C:J4GF:EDJE:FP3R:6RWS:5H6B:TOQX:JKYL:4QMI:ZDWU';
const local: RegisteredEngine = { id: 'h1', name: 'local', transport: 'unix', address: '/var/run/docker.sock', engineId: ID };
const other: RegisteredEngine = { id: 'h2', name: 'lab-2', transport: 'tcp', address: '10.99.0.12:2376', engineId: 'OTHER' };

describe('findSameEngine', () => {
  it('finds the host whose engine reports the same ID, whatever its name or transport', () => {
    expect(findSameEngine(ID, [other, local])).toBe(local);
    expect(findSameEngine(` ${ID} `, [other, { ...local, engineId: `${ID}\n` }])?.name).toBe('local');
  });
  it('finds none for a new engine, an unknown ID, or hosts whose facts were never read', () => {
    expect(findSameEngine('NEW', [other, local])).toBeNull();
    expect(findSameEngine('', [{ ...local, engineId: '' }])).toBeNull();
    expect(findSameEngine('  ', [local])).toBeNull();
    expect(findSameEngine(ID, [{ ...local, engineId: null }])).toBeNull();
  });
  it('leaves out the host being edited (a host may keep its own engine over a new transport)', () => {
    expect(findSameEngine(ID, [local], 'h1')).toBeNull();
    expect(findSameEngine(ID, [local, { ...other, engineId: ID }], 'h1')?.name).toBe('lab-2');
  });
});

describe('engineIdOf', () => {
  it('reads the ID from stored facts, or null', () => {
    expect(engineIdOf({ engineId: ID, name: 'x' })).toBe(ID);
    expect(engineIdOf({ engineId: '' })).toBeNull();
    expect(engineIdOf({ engineId: 42 })).toBeNull();
    expect(engineIdOf(null)).toBeNull();
    expect(engineIdOf('facts')).toBeNull();
  });
});

describe('sameEngineMessage', () => {
  it('names the existing host, how it connects, and what to do', () => {
    expect(renderMessage(sameEngineMessage(local), 'en')).toBe(
      'This engine is already registered as the host "local" (over unix, /var/run/docker.sock). Adding it again would count everything on it twice. To reach it another way, edit "local" and change its connection.',
    );
  });
});
