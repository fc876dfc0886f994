import { describe, expect, it } from 'vitest';
import { pathUnderBase } from './location-path.ts';

describe('the path a Location names under the base', () => {
  const request = 'http://127.0.0.1:4010/v1/workspaces';
  it('is relative to the base path, resolved against the request', () => {
    expect(pathUnderBase('/v1/workspaces/w1', request, '/v1')).toBe('/workspaces/w1');
    expect(pathUnderBase('workspaces/w2', 'http://127.0.0.1:4010/v1/', '/v1')).toBe('/workspaces/w2');
    expect(pathUnderBase('http://127.0.0.1:4010/v1', request, '/v1')).toBe('/');
  });
  it('is nothing for another origin or a path outside the base', () => {
    expect(pathUnderBase('http://elsewhere.example/v1/workspaces/w1', request, '/v1')).toBeUndefined();
    expect(pathUnderBase('/v2/workspaces/w1', request, '/v1')).toBeUndefined();
  });
});
