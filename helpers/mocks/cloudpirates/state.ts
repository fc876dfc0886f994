import { createEventStore, type EventStore, type LagSettings } from './event-store.ts';
import type { CpEvent } from './events.ts';

/** The CloudPirates mock's state: an event store for the domain, plain maps for the auth service. */
export interface CpState {
  readonly store: EventStore;
  readonly user: {
    readonly identityId: string;
    readonly email: string;
    readonly name: string;
    password: string;
  };
  readonly apiKeys: Map<string, { id: string; label: string; createdAt: string; secret: string }>;
  readonly accessTokens: Map<string, string>;
  readonly refreshTokens: Map<string, string>;
  readonly sessions: Map<string, { sessionId: string; createdAt: string; expiresAt: string }>;
  /** The API key and bearer token the suite's profile uses; they are never revoked. */
  readonly fixed: { readonly apiKey: string; readonly accessToken: string };
  readonly nextId: () => string;
}

/** Credentials the mock accepts out of the box, and its lag. */
export interface CpMockOptions extends LagSettings {
  readonly apiKey: string;
  readonly accessToken: string;
  readonly password?: string;
  /** Where compiled request validators are kept between runs (the run's state directory); none: memory only. */
  readonly validatorCache?: string;
}

/** The names of the workspaces every mock starts with; their keys are the names in kebab case. */
export const SEEDED_WORKSPACES = [
  'Black Pearl',
  'Flying Dutchman',
  'Queen Anne',
  'Jolly Roger',
  'Silent Mary',
];

/** The key of a seeded workspace: its name in kebab case. */
export const seededKey = (name: string): string => name.toLowerCase().replace(/ /g, '-');

/** Opaque ids shaped like the API's 24-hex ObjectIds (the API promises no format). */
function idMaker(): () => string {
  let n = 0x1000;
  return () => `64f0c0de${(n++).toString(16).padStart(16, '0')}`;
}

/** Five seeded workspaces (so lists span pages), one cluster and two billing profiles, all already projected. */
export function seedCpState(options: CpMockOptions): CpState {
  const nextId = idMaker();
  const identityId = nextId();
  const email = 'captain@cloudpirates.example';
  const seed: CpEvent[] = [];
  const workspaceIds = SEEDED_WORKSPACES.map((name) => {
    const workspaceId = nextId();
    seed.push({
      type: 'WorkspaceCreated',
      workspaceId,
      workspaceKey: seededKey(name),
      workspaceName: name,
      ownerId: identityId,
      memberId: nextId(),
    });
    return workspaceId;
  });
  seed.push({
    type: 'ClusterCreated',
    workspaceId: workspaceIds[0] ?? '',
    clusterId: nextId(),
    clusterName: 'production',
    clusterType: 'EXTERNAL',
    accessToken: `cpct_${nextId()}`,
  });
  for (const city of ['Hamburg', 'Port Royal']) {
    seed.push({
      type: 'BillingProfileCreated',
      billingProfileId: nextId(),
      billingProfileName: `${city} office`,
      address: { addressLine1: '1 Harbour Road', postalCode: '20457', city, countryCode: 'DE' },
    });
  }
  const sessionId = nextId();
  const now = new Date().toISOString();
  return {
    store: createEventStore(options, email, seed),
    user: { identityId, email, name: 'Captain', password: options.password ?? 'pieces-of-eight' },
    apiKeys: new Map(),
    accessTokens: new Map([[options.accessToken, sessionId]]),
    refreshTokens: new Map(),
    sessions: new Map([
      [sessionId, { sessionId, createdAt: now, expiresAt: new Date(Date.now() + 86_400_000).toISOString() }],
    ]),
    fixed: { apiKey: options.apiKey, accessToken: options.accessToken },
    nextId,
  };
}
