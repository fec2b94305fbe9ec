import { describe, expect, it } from 'vitest';
import { msg } from '@/lib/i18n/message.ts';
import { spokenBody } from './render-message.ts';

describe('spokenBody', () => {
  it("says a service's message in the caller's language and drops the message object", () => {
    const said = msg('errors.notFound');
    expect(spokenBody({ name: 'web', message: 'Not found.', said, changed: true }, 'zh-CN')).toEqual({ name: 'web', message: '未找到。', changed: true });
    expect(spokenBody([{ message: 'Not found.', said }], 'en')).toEqual([{ message: 'Not found.' }]);
  });

  it('leaves everything else as it is', () => {
    const data = { items: [{ id: 'a', said: 'plain text is not a message' }], nextCursor: null };
    expect(spokenBody(data, 'zh-CN')).toBe(data);
    expect(spokenBody(null, 'en')).toBeNull();
  });
});
