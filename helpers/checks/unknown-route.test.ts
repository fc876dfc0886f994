import { describe, expect, it } from 'vitest';
import { unknownRouteDepth } from './unknown-route.ts';

describe('unknown route probe', () => {
  it.each([
    // [operation path, documented templates, operation segments the probe keeps]
    ['/folders', ['/folders', '/folders/{id}'], 0],
    ['/folders/{id}', ['/folders', '/folders/{id}'], 0],
    ['/folders/{id}/items', ['/folders/{id}', '/folders/{id}/items'], 0],
    ['/folders/{id}/items', ['/folders/{id}/items'], 3],
    ['/stacks/{org}/{project}', ['/stacks/{org}/{project}', '/stacks/{org}/{project}/{stack}'], 1],
    ['/teams/pulumi', ['/teams/pulumi', '/teams/{team}'], 0],
    ['/things/{name}.json', ['/things/{name}.json'], 2],
    ['/files', ['/files', '/files/{path}', '/health'], 0],
    ['/a/b', ['/a/b', '/{anything}'], undefined],
  ])('%s among %j keeps %s segments', (path, documented, keep) => {
    expect(unknownRouteDepth(path, documented)).toBe(keep);
  });
});
