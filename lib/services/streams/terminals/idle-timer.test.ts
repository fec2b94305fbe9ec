import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderMessage } from '@/lib/i18n/render-message.ts';
import { IdleTimer, idleReason } from './idle-timer.ts';

describe('idle timer', () => {
  afterEach(() => vi.useRealTimers());

  it('says how long in minutes or seconds, in English and in Chinese', () => {
    expect(renderMessage(idleReason(15 * 60_000), 'en')).toBe('Closed after 15 min without activity.');
    expect(renderMessage(idleReason(1500), 'en')).toBe('Closed after 2 s without activity.');
    expect(renderMessage(idleReason(15 * 60_000), 'zh-CN')).toBe('无活动 15 分钟后已关闭。');
    expect(renderMessage(idleReason(1500), 'zh-CN')).toBe('无活动 2 秒后已关闭。');
  });

  it('fires once after the last touch, never after stop', () => {
    vi.useFakeTimers();
    const fired: string[] = [];
    const timer = new IdleTimer(1_000, (m) => fired.push(renderMessage(m, 'en')));
    timer.touch();
    vi.advanceTimersByTime(800);
    timer.touch();
    vi.advanceTimersByTime(800);
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(300);
    expect(fired).toEqual(['Closed after 1 s without activity.']);

    const other = new IdleTimer(1_000, (m) => fired.push(renderMessage(m, 'en')));
    other.touch();
    other.stop();
    other.touch();
    vi.advanceTimersByTime(5_000);
    expect(fired).toHaveLength(1);
  });
});
