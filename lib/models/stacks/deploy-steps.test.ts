import { describe, expect, it } from 'vitest';
import { AppError, toErrorPayload } from '@/lib/errors.ts';
import { msg, saidOfStored, storedSaying } from '@/lib/i18n/message.ts';
import { renderMessage } from '@/lib/i18n/render-message.ts';
import { DEPLOY_STEPS, errorOfStored, interruptedSaying, isDeployStep, stepSaying, stillRunningSaying, storeError } from './deploy-steps.ts';

describe('deploy steps', () => {
  it('knows its steps in the order a deploy takes them, and nothing else', () => {
    expect(DEPLOY_STEPS).toEqual(['checking', 'secrets-configs', 'networks', 'services', 'prune', 'recording']);
    expect(isDeployStep('networks')).toBe(true);
    expect(isDeployStep('queued')).toBe(false);
    expect(isDeployStep(null)).toBe(false);
  });

  it('says every step in both languages; a deploy not yet taken is waiting', () => {
    for (const step of DEPLOY_STEPS) {
      expect(renderMessage(stepSaying(step), 'en')).not.toMatch(/deploySteps/);
      expect(renderMessage(stepSaying(step), 'zh-CN')).not.toBe(renderMessage(stepSaying(step), 'en'));
    }
    expect(renderMessage(stepSaying(null), 'en')).toBe('waiting to start');
    expect(renderMessage(stepSaying('something-else'), 'en')).toBe('waiting to start');
  });

  it('says where an interrupted deploy stopped and what to do, also once stored in a row and read back', () => {
    const said = interruptedSaying('web', 'services');
    expect(renderMessage(said, 'en')).toBe('The deploy of stack web was interrupted while creating and updating services: the console running it stopped. Deploy again to finish.');
    const read = saidOfStored(storedSaying(said));
    expect(typeof read === 'string' ? read : renderMessage(read, 'zh-CN')).toBe('堆栈 web 的部署在创建和更新服务时中断：运行它的控制台已停止。请再次部署以完成。');
    expect(renderMessage(stillRunningSaying('web', 'prune'), 'en')).toMatch(/still running \(removing services no longer in the file\)/);
  });
});

describe('a deploy’s error kept in its row', () => {
  it('comes back as the same error for the door: code, message in the reader’s language, problems at their place', () => {
    const error = new AppError('INVALID_INPUT', msg('stacks.errors.fileProblems', { count: 1, first: msg('stacks.errors.fileUnreadable') }), {
      problems: [{ said: msg('stacks.errors.fileUnreadable'), severity: 'error', path: 'services.web', line: 3, column: 5 }],
    });
    const back = errorOfStored(JSON.parse(JSON.stringify(storeError(error))));
    expect(back).toBeInstanceOf(AppError);
    expect(toErrorPayload(back, 'zh-CN')).toEqual(toErrorPayload(error, 'zh-CN'));
    expect(toErrorPayload(back, 'en')).toEqual(toErrorPayload(error, 'en'));
    expect(back.message).toBe(error.message);
  });

  it('keeps an error written as text, and says an unexpected one only as unexpected', () => {
    expect(toErrorPayload(errorOfStored(storeError(new AppError('CONFLICT', 'plain text'))))).toEqual({ code: 'CONFLICT', message: 'plain text' });
    const stored = storeError(new Error('password=hunter2 in a stack trace'));
    expect(JSON.stringify(stored)).not.toMatch(/hunter2/);
    expect(toErrorPayload(errorOfStored(stored))).toEqual(toErrorPayload(new Error('x')));
  });
});
