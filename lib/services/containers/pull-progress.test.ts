import { describe, expect, it } from 'vitest';
import { applyPullEvent, failProgress, finishProgress, startProgress, type PullEvent } from './pull-progress.ts';

const fold = (events: PullEvent[]) => events.reduce(applyPullEvent, startProgress());
const L1 = 'a1b2c3d4e5f6';
const L2 = '0f1e2d3c4b5a';

describe('pull progress', () => {
  it('follows layer downloads to a percentage over the known bytes', () => {
    const p = fold([
      { status: 'Pulling from library/app', id: 'latest' },
      { status: 'Pulling fs layer', id: L1 },
      { status: 'Pulling fs layer', id: L2 },
      { status: 'Downloading', id: L1, progressDetail: { current: 50, total: 100 } },
      { status: 'Downloading', id: L2, progressDetail: { current: 0, total: 300 } },
    ]);
    expect(p.percent).toBe(12);
    expect(p.layers).toHaveLength(2);
    expect(p.lastStatus).toBe(`${L2}: Downloading`);
    const later = [
      { status: 'Download complete', id: L1 },
      { status: 'Extracting', id: L1, progressDetail: { current: 10, total: 999 } },
      { status: 'Downloading', id: L2, progressDetail: { current: 150, total: 300 } },
    ].reduce(applyPullEvent, p);
    expect(later.percent).toBe(62);
    expect(later.layers.find((l) => l.id === L1)?.total).toBe(100);
  });

  it('has no percentage before any size is known, and 100 when the stream ends cleanly', () => {
    const p = fold([{ status: 'Pulling fs layer', id: L1 }, { status: 'Already exists', id: L2 }]);
    expect(p.percent).toBeNull();
    expect(finishProgress(p)).toMatchObject({ state: 'succeeded', percent: 100 });
  });

  it('fails on an error in the stream and then ignores the rest', () => {
    const p = fold([{ status: 'Pulling fs layer', id: L1 }, { errorDetail: { message: 'unauthorized' }, error: 'unauthorized: authentication required' }, { status: 'Downloading', id: L1, progressDetail: { current: 1, total: 2 } }]);
    expect(p).toMatchObject({ state: 'failed', error: 'unauthorized: authentication required' });
    expect(finishProgress(p).state).toBe('failed');
  });

  it('keeps the overall status lines', () => {
    expect(fold([{ status: 'Digest: sha256:abc' }, { status: 'Status: Image is up to date for app:1' }]).lastStatus).toBe('Status: Image is up to date for app:1');
  });

  it('a failure after the end changes nothing; a failure while running is kept', () => {
    expect(failProgress(finishProgress(startProgress()), 'x').state).toBe('succeeded');
    expect(failProgress(startProgress(), 'no route')).toMatchObject({ state: 'failed', error: 'no route' });
  });

  it('follows a push: bytes while pushing, a layer the registry has counts as done, the final digest line kept', () => {
    const p = fold([
      { status: 'The push refers to repository [10.99.0.1:5005/lab/app]' },
      { status: 'Preparing', id: L1 },
      { status: 'Preparing', id: L2 },
      { status: 'Pushing', id: L1, progressDetail: { current: 25, total: 100 } },
      { status: 'Layer already exists', id: L2 },
    ]);
    expect(p.percent).toBe(25);
    const later = [{ status: 'Pushed', id: L1 }, { status: '1.0: digest: sha256:abc size: 527' }].reduce(applyPullEvent, p);
    expect(later.layers.find((l) => l.id === L1)?.status).toBe('Pushed');
    expect(later.percent).toBe(100);
    expect(later.lastStatus).toBe('1.0: digest: sha256:abc size: 527');
  });

  it('fails a push the registry refuses', () => {
    const p = fold([{ status: 'Preparing', id: L1 }, { errorDetail: { message: 'denied: requested access to the resource is denied' }, error: 'denied: requested access to the resource is denied' }]);
    expect(p).toMatchObject({ state: 'failed', error: 'denied: requested access to the resource is denied' });
  });
});
