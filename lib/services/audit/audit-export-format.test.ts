import { describe, expect, it } from 'vitest';
import { csvCell, exportHeader, exportLine } from './audit-export-format.ts';
import type { AuditRow } from './list-audit-entries.ts';

const row: AuditRow = {
  id: '42',
  at: '2026-01-02T03:04:05.006Z',
  actorId: 'u1',
  actorName: 'alice',
  action: 'user.create',
  targetType: 'user',
  targetId: null,
  targetName: 'bob, "the builder"',
  result: 'succeeded',
  message: 'line one\nline two',
  ip: '::1',
  settledAt: '2026-01-02T03:04:05.100Z',
};

describe('audit export lines', () => {
  it('writes CSV with a header, quoting what needs it', () => {
    expect(exportHeader('csv')).toBe('id,time,actor,actor_id,ip,action,target_type,target_id,target_name,result,message,settled_at\r\n');
    expect(exportLine('csv', row)).toBe('42,2026-01-02T03:04:05.006Z,alice,u1,::1,user.create,user,,"bob, ""the builder""",succeeded,"line one\nline two",2026-01-02T03:04:05.100Z\r\n');
  });

  it('keeps spreadsheets from reading a value as a formula', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    for (const value of ['+1', '-1', '@SUM(A1)', '\tx']) expect(csvCell(value)).toBe(`'${value}`);
    expect(csvCell('a=b')).toBe('a=b');
    expect(csvCell(null)).toBe('');
  });

  it('writes one JSON object per line, values as they are', () => {
    expect(exportHeader('jsonl')).toBe('');
    const line = exportLine('jsonl', { ...row, actorName: '=cmd' });
    expect(line.endsWith('\n')).toBe(true);
    expect(JSON.parse(line)).toEqual({
      id: '42', time: row.at, actor: '=cmd', actor_id: 'u1', ip: '::1', action: 'user.create', target_type: 'user', target_id: null,
      target_name: row.targetName, result: 'succeeded', message: row.message, settled_at: row.settledAt,
    });
  });
});
