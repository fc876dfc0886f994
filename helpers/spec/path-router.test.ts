import { describe, expect, it } from 'vitest';
import { createRouter } from './path-router.ts';

const op = (operationId: string) => ({ operationId });

describe('the path router', () => {
  const router = createRouter({
    '/teams/{teamName}': { get: op('GetTeam'), delete: op('DeleteTeam') },
    '/teams/pulumi': { get: op('GetPulumiTeam') },
    '/{orgName}/members': { get: op('ListMembers') },
    '/{orgName}/{teamName}': { get: op('GetOrgTeam') },
    '/teams/{teamName}/members/{user}': { put: op('AddMember') },
  });

  it('ranks literal segments first, whatever the first segment of the template is', () => {
    expect(router.match('GET', '/teams/pulumi')?.operationId).toBe('GetPulumiTeam');
    expect(router.match('GET', '/teams/platform')).toEqual({
      operationId: 'GetTeam',
      params: { teamName: 'platform' },
    });
    // A template starting with a parameter serves any first segment, and ranks among the others by its literals.
    expect(router.match('GET', '/acme/members')?.operationId).toBe('ListMembers');
    expect(router.match('GET', '/teams/members')?.operationId).toBe('GetTeam');
    expect(router.match('GET', '/acme/platform')?.operationId).toBe('GetOrgTeam');
  });

  it('matches only paths of as many segments, one segment per parameter', () => {
    expect(router.match('GET', '/teams')).toBeUndefined();
    expect(router.match('GET', '/teams/a/b/c')).toBeUndefined();
    expect(router.match('PUT', '/teams/a%2Fb/members/c')?.params).toEqual({ teamName: 'a/b', user: 'c' });
    expect(router.pathExists('/teams/platform/members/ann')).toBe(true);
    expect(router.methodsOf('/teams/platform')).toEqual(['GET', 'DELETE']);
    expect(router.methodsOf('/nowhere')).toEqual([]);
  });
});
