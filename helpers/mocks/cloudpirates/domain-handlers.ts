import { type Handler, json, type MockResponse } from '../mock-types.ts';
import type { CpEvent, Role } from './events.ts';
import {
  bodyOf,
  business,
  conflict,
  forbidden,
  noContent,
  notFound,
  notImplemented,
  paginate,
} from './responses.ts';
import type { CpState } from './state.ts';

/** Where the mock serves from; Link headers repeat it. */
export const CP_BASE_PATH = '/v1';

/** A query's view of one resource: 404 until the read model has it, 403 until permissions are synced. */
function readable<T>(
  s: CpState,
  pick: (rm: ReturnType<CpState['store']['readModel']>) => T | undefined,
  guard: string,
): { value: T } | { denied: MockResponse } {
  const value = pick(s.store.readModel());
  if (value === undefined) return { denied: notFound };
  return s.store.permitted().has(guard) ? { value } : { denied: forbidden };
}

const summary = (w: { workspaceId: string; workspaceKey: string; workspaceName: string }) => ({
  workspaceId: w.workspaceId,
  workspaceKey: w.workspaceKey,
  workspaceDomain: `${w.workspaceKey}.cloudpirates.io`,
  workspaceName: w.workspaceName,
});

/** A command on an existing aggregate: 404 unless the write model has it, else the event is appended. */
function command(
  s: CpState,
  exists: unknown,
  event: CpEvent,
  answer: MockResponse = noContent,
): MockResponse {
  if (!exists) return notFound;
  s.store.append(event);
  return answer;
}

/** Commands check the write model, which every appended event reaches at once. */
const workspaceExists = (s: CpState, id: string | undefined) => s.store.writeModel().workspaces.get(id ?? '');

/** The event-sourced operations: commands append events, queries read the lagging read models. */
export const DOMAIN_HANDLERS: Record<string, Handler<CpState>> = {
  ListWorkspaces: (req, s) => {
    const permitted = s.store.permitted();
    const items = [...s.store.readModel().workspaces.values()]
      .filter((w) => permitted.has(w.workspaceId))
      .map(summary);
    return paginate(req, items);
  },
  CreateWorkspace: (req, s) => {
    const body = bodyOf(req);
    const key = String(body.workspaceKey);
    if ([...s.store.writeModel().workspaces.values()].some((w) => w.workspaceKey === key))
      return conflict(`workspaceKey ${key} is already taken`);
    const workspaceId = s.nextId();
    s.store.append({
      type: 'WorkspaceCreated',
      workspaceId,
      workspaceKey: key,
      workspaceName: String(body.workspaceName),
      ownerId: s.user.identityId,
      memberId: s.nextId(),
    });
    return json(201, { workspaceId });
  },
  GetWorkspace: (req, s) => {
    const id = req.params.workspaceId ?? '';
    const r = readable(s, (rm) => rm.workspaces.get(id), id);
    if ('denied' in r) return r.denied;
    return json(200, {
      ...summary(r.value),
      members: r.value.members,
      openMemberInvitations: r.value.invitations,
    });
  },
  RenameWorkspace: (req, s) => {
    if (!workspaceExists(s, req.params.workspaceId)) return notFound;
    s.store.append({
      type: 'WorkspaceRenamed',
      workspaceId: req.params.workspaceId ?? '',
      workspaceName: String(bodyOf(req).workspaceName),
    });
    return noContent;
  },
  DeleteWorkspace: (req, s) => {
    if (!workspaceExists(s, req.params.workspaceId)) return notFound;
    s.store.append({ type: 'WorkspaceDeleted', workspaceId: req.params.workspaceId ?? '' });
    return noContent;
  },
  ListWorkspaceMembers: (req, s) => {
    const id = req.params.workspaceId ?? '';
    const r = readable(s, (rm) => rm.workspaces.get(id), id);
    return 'denied' in r ? r.denied : paginate(req, r.value.members);
  },
  CreateInvitation: (req, s) => {
    const ws = workspaceExists(s, req.params.workspaceId);
    if (!ws) return notFound;
    const body = bodyOf(req);
    if (typeof body.invitationExpireDate === 'string' && Date.parse(body.invitationExpireDate) < Date.now()) {
      return business(
        'invitationExpireDate must be in the future',
        '/invitationExpireDate',
        'a future date-time',
      );
    }
    if (ws.invitations.some((i) => i.email === body.email))
      return conflict(`${String(body.email)} is already invited`);
    const invitationId = s.nextId();
    s.store.append({
      type: 'InvitationCreated',
      workspaceId: ws.workspaceId,
      invitationId,
      email: String(body.email),
      role: body.role as Role,
      ...(typeof body.invitationExpireDate === 'string' ? { expireDate: body.invitationExpireDate } : {}),
    });
    return json(201, { invitationId });
  },
  UpdateMemberRole: (req, s) => {
    const ws = workspaceExists(s, req.params.workspaceId);
    if (!ws?.members.some((m) => m.workspaceMemberId === req.params.workspaceMemberId)) return notFound;
    s.store.append({
      type: 'MemberRoleChanged',
      workspaceId: ws.workspaceId,
      workspaceMemberId: req.params.workspaceMemberId ?? '',
      role: bodyOf(req).role as Role,
    });
    return noContent;
  },
  RemoveMember: (req, s) => {
    const ws = workspaceExists(s, req.params.workspaceId);
    if (!ws?.members.some((m) => m.workspaceMemberId === req.params.workspaceMemberId)) return notFound;
    s.store.append({
      type: 'MemberRemoved',
      workspaceId: ws.workspaceId,
      workspaceMemberId: req.params.workspaceMemberId ?? '',
    });
    return noContent;
  },
  ListClusters: (req, s) => {
    const id = req.params.workspaceId ?? '';
    const r = readable(s, (rm) => rm.workspaces.get(id), id);
    if ('denied' in r) return r.denied;
    const clusters = [...s.store.readModel().clusters.values()].filter((c) => c.workspaceId === id);
    return json(
      200,
      clusters.map(({ accessToken: _token, ...c }) => ({ ...c, serverInfo: null })),
    );
  },
  CreateCluster: (req, s) => {
    if (!workspaceExists(s, req.params.workspaceId)) return notFound;
    const body = bodyOf(req);
    if (body.clusterType === 'MANAGED') return notImplemented('Managed clusters are not available yet');
    const cluster = {
      workspaceId: req.params.workspaceId ?? '',
      clusterId: s.nextId(),
      clusterName: String(body.clusterName),
      clusterType: 'EXTERNAL',
      accessToken: `cpct_${s.nextId()}`,
    };
    s.store.append({ type: 'ClusterCreated', ...cluster });
    return json(201, { ...cluster, serverInfo: null });
  },
  GetCluster: (req, s) => {
    const r = readable(s, (rm) => rm.clusters.get(req.params.clusterId ?? ''), req.params.workspaceId ?? '');
    if ('denied' in r) return r.denied;
    return r.value.workspaceId === req.params.workspaceId
      ? json(200, { ...r.value, serverInfo: null })
      : notFound;
  },
  RenameCluster: (req, s) =>
    command(s, s.store.writeModel().clusters.has(req.params.clusterId ?? ''), {
      type: 'ClusterRenamed',
      clusterId: req.params.clusterId ?? '',
      clusterName: String(bodyOf(req).clusterName),
    }),
  RotateClusterAccessToken: (req, s) => {
    if (!s.store.writeModel().clusters.has(req.params.clusterId ?? '')) return notFound;
    const accessToken = `cpct_${s.nextId()}`;
    s.store.append({ type: 'ClusterTokenRotated', clusterId: req.params.clusterId ?? '', accessToken });
    return json(200, { accessToken });
  },
  DeleteCluster: (req, s) =>
    command(s, s.store.writeModel().clusters.has(req.params.clusterId ?? ''), {
      type: 'ClusterDeleted',
      clusterId: req.params.clusterId ?? '',
    }),
  CreateApplication: () => notImplemented('Applications cannot be created through the API yet'),
  ListApplicationTemplates: () =>
    json(200, [
      { templateId: 'tpl-postgres', name: 'PostgreSQL', description: 'Managed PostgreSQL' },
      { templateId: 'tpl-valkey', name: 'Valkey' },
    ]),
  ListBillingProfiles: (req, s) => {
    const permitted = s.store.permitted();
    return paginate(
      req,
      [...s.store.readModel().billing.values()].filter((b) => permitted.has(b.billingProfileId)),
    );
  },
  CreateBillingProfile: (req, s) => {
    const body = bodyOf(req);
    const billingProfileId = s.nextId();
    s.store.append({
      type: 'BillingProfileCreated',
      billingProfileId,
      billingProfileName: String(body.billingProfileName),
      address: body.billingProfileAddress as Record<string, string>,
    });
    return json(201, { billingProfileId });
  },
  GetBillingProfile: (req, s) => {
    const id = req.params.billingProfileId ?? '';
    const r = readable(s, (rm) => rm.billing.get(id), id);
    return 'denied' in r ? r.denied : json(200, r.value);
  },
  RenameBillingProfile: (req, s) =>
    command(s, s.store.writeModel().billing.has(req.params.billingProfileId ?? ''), {
      type: 'BillingProfileRenamed',
      billingProfileId: req.params.billingProfileId ?? '',
      billingProfileName: String(bodyOf(req).billingProfileName),
    }),
  DeleteBillingProfile: (req, s) =>
    command(s, s.store.writeModel().billing.has(req.params.billingProfileId ?? ''), {
      type: 'BillingProfileDeleted',
      billingProfileId: req.params.billingProfileId ?? '',
    }),
};
