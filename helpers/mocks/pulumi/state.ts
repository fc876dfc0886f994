/** A stack as the mock keeps it. */
export interface StackRecord {
  id: string;
  orgName: string;
  projectName: string;
  stackName: string;
  tags: Record<string, string>;
  version: number;
}

/** Everything the Pulumi mock remembers; seeded so discovery finds one of each resource. */
export interface PulumiState {
  readonly org: string;
  readonly tokens: Map<
    string,
    { id: string; value: string; description: string; created: string; expires: number }
  >;
  readonly validTokens: Set<string>;
  readonly stacks: Map<string, StackRecord>;
  readonly teams: Map<string, { name: string; displayName: string; description: string }>;
  readonly hooks: Map<
    string,
    { name: string; displayName: string; payloadUrl: string; active: boolean; format: string }
  >;
  readonly environments: Map<
    string,
    { project: string; name: string; yaml: string; created: string; modified: string }
  >;
  nextId: number;
}

/** Key of a stack in the state map. */
export const stackKey = (org: string, project: string, stack: string) => `${org}/${project}/${stack}`;

/** A fresh state: one user in org `acme` with a stack, a team, a webhook and an environment. */
export function seedState(accessToken: string): PulumiState {
  const now = '2026-01-05T10:00:00Z';
  return {
    org: 'acme',
    tokens: new Map(),
    validTokens: new Set([accessToken]),
    stacks: new Map([
      [
        stackKey('acme', 'website', 'production'),
        {
          id: 'stk-1',
          orgName: 'acme',
          projectName: 'website',
          stackName: 'production',
          tags: { env: 'prod' },
          version: 3,
        },
      ],
    ]),
    teams: new Map([
      ['platform', { name: 'platform', displayName: 'Platform', description: 'Platform engineering' }],
    ]),
    hooks: new Map([
      [
        'deploy-notify',
        {
          name: 'deploy-notify',
          displayName: 'Deploy notifications',
          payloadUrl: 'https://hooks.example.com/pulumi',
          active: true,
          format: 'raw',
        },
      ],
    ]),
    environments: new Map([
      [
        'shared/dev',
        {
          project: 'shared',
          name: 'dev',
          yaml: 'values:\n  region: eu-west-1\n',
          created: now,
          modified: now,
        },
      ],
    ]),
    nextId: 100,
  };
}
