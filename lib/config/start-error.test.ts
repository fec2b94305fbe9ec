import { describe, expect, it } from 'vitest';
import { StartError, startFailureSentence } from './start-error.ts';

describe('startFailureSentence', () => {
  it("is a StartError's own sentence", () => {
    expect(startFailureSentence(new StartError('Do this; then start again.'))).toBe('Do this; then start again.');
  });

  it('says which port is taken and what to do', () => {
    const error = Object.assign(new Error('listen EADDRINUSE: address already in use 0.0.0.0:3000'), { code: 'EADDRINUSE', syscall: 'listen', port: 3000 });
    expect(startFailureSentence(error)).toBe('Wharf could not listen on port 3000: another program uses it; stop that program or set PORT to a free port, and start again.');
  });

  it('says a low port needs root', () => {
    const error = Object.assign(new Error('listen EACCES: permission denied 0.0.0.0:80'), { code: 'EACCES', syscall: 'listen', port: 80 });
    expect(startFailureSentence(error, 'The console')).toMatch(/^The console may not listen on port 80: ports below 1024 need root/);
  });

  it('puts any other error into one sentence: its first line, no stack', () => {
    const error = new Error("Wharf's configuration is not valid:\n  PORT: Too big");
    const sentence = startFailureSentence(error);
    expect(sentence).toBe("Wharf could not start (Wharf's configuration is not valid); fix that and start again.");
    expect(sentence).not.toContain('\n');
    expect(startFailureSentence('a string', 'The test run')).toBe('The test run could not start (a string); fix that and start again.');
  });
});
