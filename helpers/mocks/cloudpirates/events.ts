/** A workspace role; the API accepts these uppercase values only. */
export type Role = 'OWNER' | 'MEMBER' | 'VIEWER';

/** The domain events the CloudPirates mock's commands append. */
export type CpEvent =
  | {
      type: 'WorkspaceCreated';
      workspaceId: string;
      workspaceKey: string;
      workspaceName: string;
      ownerId: string;
      memberId: string;
    }
  | { type: 'WorkspaceRenamed'; workspaceId: string; workspaceName: string }
  | { type: 'WorkspaceDeleted'; workspaceId: string }
  | {
      type: 'InvitationCreated';
      workspaceId: string;
      invitationId: string;
      email: string;
      role: Role;
      expireDate?: string;
    }
  | { type: 'MemberRoleChanged'; workspaceId: string; workspaceMemberId: string; role: Role }
  | { type: 'MemberRemoved'; workspaceId: string; workspaceMemberId: string }
  | {
      type: 'ClusterCreated';
      workspaceId: string;
      clusterId: string;
      clusterName: string;
      clusterType: string;
      accessToken: string;
    }
  | { type: 'ClusterRenamed'; clusterId: string; clusterName: string }
  | { type: 'ClusterTokenRotated'; clusterId: string; accessToken: string }
  | { type: 'ClusterDeleted'; clusterId: string }
  | {
      type: 'BillingProfileCreated';
      billingProfileId: string;
      billingProfileName: string;
      address: Record<string, string>;
    }
  | { type: 'BillingProfileRenamed'; billingProfileId: string; billingProfileName: string }
  | { type: 'BillingProfileDeleted'; billingProfileId: string };

/** A workspace as its read model holds it. */
export interface WorkspaceView {
  workspaceId: string;
  workspaceKey: string;
  workspaceName: string;
  members: { workspaceMemberId: string; identityId: string; role: Role; email?: string }[];
  invitations: { invitationId: string; email: string; role: Role; invitationExpireDate?: string }[];
}

/** The read models: what queries see, built only from events. */
export interface ReadModel {
  readonly workspaces: Map<string, WorkspaceView>;
  readonly clusters: Map<
    string,
    { clusterId: string; workspaceId: string; clusterName: string; clusterType: string; accessToken: string }
  >;
  readonly billing: Map<
    string,
    { billingProfileId: string; billingProfileName: string; billingProfileAddress: Record<string, string> }
  >;
}

/** Applies one event to a read model (the projector); unknown targets are ignored, as projectors do. */
export function apply(model: ReadModel, e: CpEvent, ownerEmail: string): void {
  const ws = 'workspaceId' in e ? model.workspaces.get(e.workspaceId) : undefined;
  switch (e.type) {
    case 'WorkspaceCreated':
      model.workspaces.set(e.workspaceId, {
        workspaceId: e.workspaceId,
        workspaceKey: e.workspaceKey,
        workspaceName: e.workspaceName,
        members: [{ workspaceMemberId: e.memberId, identityId: e.ownerId, role: 'OWNER', email: ownerEmail }],
        invitations: [],
      });
      return;
    case 'WorkspaceRenamed':
      if (ws) ws.workspaceName = e.workspaceName;
      return;
    case 'WorkspaceDeleted':
      model.workspaces.delete(e.workspaceId);
      for (const [id, c] of model.clusters) if (c.workspaceId === e.workspaceId) model.clusters.delete(id);
      return;
    case 'InvitationCreated':
      ws?.invitations.push({
        invitationId: e.invitationId,
        email: e.email,
        role: e.role,
        ...(e.expireDate ? { invitationExpireDate: e.expireDate } : {}),
      });
      return;
    case 'MemberRoleChanged':
      for (const m of ws?.members ?? []) if (m.workspaceMemberId === e.workspaceMemberId) m.role = e.role;
      return;
    case 'MemberRemoved':
      if (ws) ws.members = ws.members.filter((m) => m.workspaceMemberId !== e.workspaceMemberId);
      return;
    case 'ClusterCreated':
      model.clusters.set(e.clusterId, {
        clusterId: e.clusterId,
        workspaceId: e.workspaceId,
        clusterName: e.clusterName,
        clusterType: e.clusterType,
        accessToken: e.accessToken,
      });
      return;
    case 'ClusterRenamed':
    case 'ClusterTokenRotated': {
      const cluster = model.clusters.get(e.clusterId);
      if (cluster && e.type === 'ClusterRenamed') cluster.clusterName = e.clusterName;
      if (cluster && e.type === 'ClusterTokenRotated') cluster.accessToken = e.accessToken;
      return;
    }
    case 'ClusterDeleted':
      model.clusters.delete(e.clusterId);
      return;
    case 'BillingProfileCreated':
      model.billing.set(e.billingProfileId, {
        billingProfileId: e.billingProfileId,
        billingProfileName: e.billingProfileName,
        billingProfileAddress: e.address,
      });
      return;
    case 'BillingProfileRenamed': {
      const profile = model.billing.get(e.billingProfileId);
      if (profile) profile.billingProfileName = e.billingProfileName;
      return;
    }
    case 'BillingProfileDeleted':
      model.billing.delete(e.billingProfileId);
      return;
  }
}

/** The resource an event grants or revokes access to (the ReBAC sync's view of it). */
export function permissionChange(e: CpEvent): { grant?: string; revoke?: string } {
  if (e.type === 'WorkspaceCreated') return { grant: e.workspaceId };
  if (e.type === 'WorkspaceDeleted') return { revoke: e.workspaceId };
  if (e.type === 'BillingProfileCreated') return { grant: e.billingProfileId };
  if (e.type === 'BillingProfileDeleted') return { revoke: e.billingProfileId };
  return {};
}
