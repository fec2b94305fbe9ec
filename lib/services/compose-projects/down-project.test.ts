import { describe, expect, it } from 'vitest';
import { stopOrder } from './down-project.ts';

describe('stopOrder (down)', () => {
  it('stops what depends on others first, from the depends_on labels', () => {
    const c = (name: string, service: string, dependsOn = '') => ({ id: name, name, state: 'running', labels: { 'com.docker.compose.service': service, 'com.docker.compose.depends_on': dependsOn } });
    const order = stopOrder([c('p-db-1', 'db'), c('p-web-2', 'web', 'api:service_started:false'), c('p-api-1', 'api', 'db:service_healthy:false'), c('p-web-1', 'web', 'api:service_started:false')]);
    expect(order.map((x) => x.name)).toEqual(['p-web-1', 'p-web-2', 'p-api-1', 'p-db-1']);
  });
});
