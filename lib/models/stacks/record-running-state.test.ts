import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { recordRunningState } from './record-running-state.ts';
import type { ServiceDrift } from './stack-drift.ts';
import { renderMessage } from '@/lib/i18n/render-message.ts';
import type { Locale } from '@/lib/i18n/locales.ts';

/** The outcome with its reasons as a reader of `locale` sees them. */
const read = (result: ReturnType<typeof recordRunningState>, locale: Locale = 'en') => (result.ok ? result : { ok: false, reasons: result.reasons.map((r) => renderMessage(r, locale)) });

const FILE = `# the demo stack
services:
  web:
    image: local/busybox:latest # pinned later
    command: ["httpd", "-f"]
    deploy:
      replicas: 2
  worker:
    image: local/busybox:latest
`;

const scaled: ServiceDrift = { service: 'demo_web', kind: 'changed', changes: [{ field: 'replicas', deployed: '2', running: '4' }, { field: 'image', deployed: 'local/busybox:latest', running: 'local/busybox:v2' }] };

describe('recordRunningState', () => {
  it('writes the running replicas and image into the file, keeping comments and the rest', () => {
    const result = recordRunningState(FILE, 'demo', [scaled]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.composeText).toContain('# the demo stack');
    expect(result.composeText).toContain('# pinned later');
    expect(parse(result.composeText)).toEqual({
      services: { web: { image: 'local/busybox:v2', command: ['httpd', '-f'], deploy: { replicas: 4 } }, worker: { image: 'local/busybox:latest' } },
    });
  });

  it('adds a deploy section where the file had none', () => {
    const result = recordRunningState(FILE, 'demo', [{ service: 'demo_worker', kind: 'changed', changes: [{ field: 'replicas', deployed: '1', running: '3' }] }]);
    expect(result.ok && parse(result.composeText).services.worker).toEqual({ image: 'local/busybox:latest', deploy: { replicas: 3 } });
  });

  it('refuses values that come from a variable, naming the variable', () => {
    const file = 'services:\n  web:\n    image: "local/busybox:${TAG}"\n    deploy:\n      replicas: ${REPLICAS}\n';
    expect(read(recordRunningState(file, 'demo', [scaled]))).toEqual({
      ok: false,
      reasons: ["demo_web's replicas comes from a variable (${REPLICAS}): set the variable in an edit instead.", "demo_web's image comes from a variable (local/busybox:${TAG}): set the variable in an edit instead."],
    });
  });

  it('refuses services added or removed outside the file and changed modes, each with what to do', () => {
    const result = recordRunningState(FILE, 'demo', [
      { service: 'demo_adhoc', kind: 'added', changes: [] },
      { service: 'demo_worker', kind: 'missing', changes: [] },
      { service: 'demo_web', kind: 'changed', changes: [{ field: 'mode', deployed: 'replicated', running: 'global' }] },
    ]);
    expect(result.ok).toBe(false);
    expect(read(result)).toMatchObject({ reasons: [
      'demo_adhoc is not in the file: add it in an edit, or redeploy to remove it.',
      'demo_worker was removed outside the file: remove it from the file in an edit, or redeploy to create it again.',
      'demo_web runs in global mode and the file says replicated: change its deploy mode in an edit.',
    ] });
    expect(read(result, 'zh-CN')).toMatchObject({ reasons: ['demo_adhoc 不在文件中：请在编辑中添加它，或重新部署以移除它。', expect.stringContaining('demo_worker'), 'demo_web 以 global 模式运行，而文件中写的是 replicated：请在编辑中修改它的部署模式。'] });
  });

  it('refuses a file it cannot read or a service it cannot find, and a replica count that is not a number', () => {
    expect(recordRunningState('services: [', 'demo', [scaled]).ok).toBe(false);
    expect(read(recordRunningState('version: "3"\n', 'demo', [scaled]))).toEqual({ ok: false, reasons: ['The last deployed file has no services section.'] });
    expect(read(recordRunningState(FILE, 'other', [{ ...scaled, service: 'other_api' }]))).toEqual({ ok: false, reasons: ['other_api is not found in the file under the key "api".'] });
    expect(read(recordRunningState(FILE, 'demo', [{ service: 'demo_web', kind: 'changed', changes: [{ field: 'replicas', deployed: '2', running: 'none' }] }]))).toEqual({ ok: false, reasons: ['demo_web runs without a replica count: change it in an edit.'] });
  });

  it('with nothing drifted, answers the file as it was', () => {
    const result = recordRunningState(FILE, 'demo', []);
    expect(result.ok && parse(result.composeText)).toEqual(parse(FILE));
  });
});
