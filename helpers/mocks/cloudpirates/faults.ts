import { type Fault, withJson } from '../faults.ts';
import { SEEDED_WORKSPACES, seededKey } from './state.ts';

const SEEDED_KEYS = new Set(SEEDED_WORKSPACES.map(seededKey));

/** Faults of the CloudPirates mock; the consistency ones are carried out by the event store's projectors. */
export const CLOUDPIRATES_FAULTS: Readonly<Record<string, Fault>> = {
  'accepts-api-key-where-refused': {
    description: 'ChangePassword accepts an API key, which the API refuses there',
    operation: 'ChangePassword',
    check: 'scheme',
    auth: 'any-scheme',
  },
  'broken-email-format': {
    description: 'GetMe answers an email that is not an email (format email)',
    operation: 'GetMe',
    check: 'schema',
    alter: (res) => withJson(res, (body) => ({ ...body, email: 'captain at sea' })),
  },
  'undocumented-property': {
    description: 'GetBillingProfile adds a property to the address, whose additionalProperties are false',
    operation: 'GetBillingProfile',
    check: 'schema',
    alter: (res) =>
      withJson(res, (body) => ({
        ...body,
        billingProfileAddress: { ...(body.billingProfileAddress as object), vatId: 'DE123' },
      })),
  },
  'missing-response-header': {
    description: 'ListWorkspaces drops its required x-Offset header',
    operation: 'ListWorkspaces',
    check: 'headers',
    cascades: ['ListWorkspaces/pagination'],
    alter: (res) => ({
      ...res,
      headers: Object.fromEntries(Object.entries(res.headers ?? {}).filter(([k]) => k !== 'x-offset')),
    }),
  },
  'wrong-total': {
    description: 'ListBillingProfiles reports one more item in x-Total than it has',
    operation: 'ListBillingProfiles',
    check: 'pagination',
    alter: (res) =>
      res.headers?.['x-total']
        ? { ...res, headers: { ...res.headers, 'x-total': String(Number(res.headers['x-total']) + 1) } }
        : res,
  },
  'accepts-missing-required-field': {
    description: 'CreateApiKey creates a key from a body without its required label',
    operation: 'CreateApiKey',
    check: 'negative-data',
    ignoresInvalid: ['required'],
  },
  'lost-write': {
    description: 'A created workspace is never projected',
    operation: 'CreateWorkspace',
    check: 'consistency',
    // Its clusters are never readable either: their reads need the workspace's permission.
    cascades: ['CreateCluster/consistency', 'RenameCluster/consistency', 'DeleteCluster/consistency'],
  },
  'flapping-read': {
    description: 'GetWorkspace of a new workspace answers 404 on every second read once it is visible',
    operation: 'GetWorkspace',
    check: 'consistency',
    caughtOn: 'CreateWorkspace',
    // A stale replica behind a load balancer: the read after the first visible one misses the workspace. Only
    // workspaces created after start flap, counted from their first visible read, so the fault strikes the same
    // way however long the reader took to come back.
    alter: (res, req, memory) => {
      const key = (res.json as { workspaceKey?: unknown } | undefined)?.workspaceKey;
      if (res.status !== 200 || typeof key !== 'string' || SEEDED_KEYS.has(key)) return res;
      const id = req.params.workspaceId ?? '';
      const reads = (memory.get(id) ?? 0) + 1;
      memory.set(id, reads);
      return reads % 2 === 0 ? { status: 404, json: { status: 404, message: 'Not found' } } : res;
    },
    cascades: ['RenameWorkspace/consistency', 'DeleteWorkspace/consistency'],
  },
  'lost-update': {
    description: 'A workspace rename is never projected',
    operation: 'RenameWorkspace',
    check: 'consistency',
  },
  'delete-not-effective': {
    description: 'A workspace deletion is never projected',
    operation: 'DeleteWorkspace',
    check: 'consistency',
  },
  'late-projection': {
    description: 'A created workspace is projected only after 2.5 s',
    operation: 'CreateWorkspace',
    check: 'consistency',
  },
};
