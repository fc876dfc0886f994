import { type Handler, json } from '../mock-types.ts';
import {
  badRequest,
  conflict,
  environmentView,
  noContent,
  notFound,
  orgMatches,
  parse,
  stackOf,
  text,
  USER_INFO,
} from './responses.ts';
import { type PulumiState, stackKey } from './state.ts';

/** The Pulumi mock's stacks, updates, deployments, ESC environments, capabilities and the CLI version, keyed by operationId. */
export const STACKS_ESC_HANDLERS: Record<string, Handler<PulumiState>> = {
  ListUserStacks: (req, s) => {
    const org = req.query.get('organization');
    const stacks = [...s.stacks.values()]
      .filter((st) => !org || st.orgName === org)
      .map((st) => ({
        id: st.id,
        orgName: st.orgName,
        projectName: st.projectName,
        stackName: st.stackName,
        lastUpdate: 1767607200,
        resourceCount: 4,
      }));
    return json(200, { stacks });
  },
  ProjectExists: (req, s) =>
    [...s.stacks.values()].some(
      (st) => st.orgName === req.params.orgName && st.projectName === req.params.projectName,
    )
      ? json(200, req.params.projectName)
      : notFound('project'),
  CreateStack: (req, s) => {
    const body = parse(req.body);
    if (!orgMatches(s, req.params.orgName)) return notFound('organization');
    if (!body || !text(body.stackName) || !/^[A-Za-z0-9_.-]+$/.test(body.stackName))
      return badRequest('stackName must be letters, digits, -, _ or .');
    const key = stackKey(s.org, req.params.projectName ?? '', body.stackName);
    if (s.stacks.has(key)) return conflict(`stack ${body.stackName} already exists`);
    const tags = body.tags && typeof body.tags === 'object' ? (body.tags as Record<string, string>) : {};
    s.stacks.set(key, {
      id: `stk-${s.nextId++}`,
      orgName: s.org,
      projectName: req.params.projectName ?? '',
      stackName: body.stackName,
      tags,
      version: 0,
    });
    return json(200, { messages: [] });
  },
  GetStack: (req, s) => {
    const st = stackOf(s, req.params);
    return st
      ? json(200, {
          id: st.id,
          orgName: st.orgName,
          projectName: st.projectName,
          stackName: st.stackName,
          activeUpdate: '',
          version: st.version,
          tags: st.tags,
        })
      : notFound('stack');
  },
  DeleteStack: (req, s) => {
    const st = stackOf(s, req.params);
    if (!st) return notFound('stack');
    if (st.version > 0 && req.query.get('force') !== 'true')
      return badRequest('Stack still contains resources.');
    s.stacks.delete(stackKey(st.orgName, st.projectName, st.stackName));
    return noContent;
  },
  UpdateStackTags: (req, s) => {
    const st = stackOf(s, req.params);
    const body = parse(req.body);
    if (!st) return notFound('stack');
    if (!body || Object.values(body).some((v) => typeof v !== 'string'))
      return badRequest('tags must be a map of strings');
    st.tags = body as Record<string, string>;
    return noContent;
  },
  RenameStack: (req, s) => {
    const st = stackOf(s, req.params);
    const body = parse(req.body);
    if (!st) return notFound('stack');
    if (!body || !text(body.newName) || !text(body.newProject))
      return badRequest('newName and newProject are required');
    const key = stackKey(s.org, body.newProject, body.newName);
    if (s.stacks.has(key)) return conflict(`stack ${body.newName} already exists`);
    s.stacks.delete(stackKey(st.orgName, st.projectName, st.stackName));
    s.stacks.set(key, { ...st, projectName: body.newProject, stackName: body.newName });
    return json(200, { updateId: `upd-${s.nextId++}` });
  },
  GetStackUpdates: (req, s) =>
    stackOf(s, req.params) ? json(200, { updates: [], itemsPerPage: 10, total: 0 }) : notFound('stack'),
  GetLatestStackUpdate: (req, s) => {
    const st = stackOf(s, req.params);
    if (!st) return notFound('stack');
    if (st.version === 0) return notFound('update');
    return json(200, {
      updateID: `upd-${st.id}`,
      version: st.version,
      latestVersion: st.version,
      requestedBy: USER_INFO,
      info: {
        kind: 'update',
        startTime: 1767607000,
        endTime: 1767607200,
        message: 'deploy',
        environment: {},
        config: {},
        result: 'succeeded',
        version: st.version,
        resourceCount: 4,
      },
    });
  },
  CreateAPIDeploymentHandlerV2: (req, s) => {
    const st = stackOf(s, req.params);
    if (!st) return notFound('stack');
    const id = `dep-${s.nextId++}`;
    return json(202, {
      id,
      consoleUrl: `https://app.pulumi.com/${st.orgName}/${st.projectName}/${st.stackName}/deployments/${id}`,
      version: 1,
    });
  },
  ListOrgEnvironments_esc: (req, s) =>
    orgMatches(s, req.params.orgName)
      ? json(200, { environments: [...s.environments.values()].map((e) => environmentView(s, e)) })
      : notFound('organization'),
  CreateEnvironment_esc_environments: (req, s) => {
    const body = parse(req.body);
    if (!orgMatches(s, req.params.orgName)) return notFound('organization');
    if (!body || !text(body.project) || !text(body.name)) return badRequest('project and name are required');
    const key = `${body.project}/${body.name}`;
    if (s.environments.has(key)) return conflict(`environment ${key} already exists`);
    const now = new Date().toISOString();
    s.environments.set(key, {
      project: body.project,
      name: body.name,
      yaml: '{}\n',
      created: now,
      modified: now,
    });
    return { status: 200 };
  },
  ReadEnvironment_esc_environments: (req, s) => {
    const env = orgMatches(s, req.params.orgName)
      ? s.environments.get(`${req.params.projectName}/${req.params.envName}`)
      : undefined;
    return env
      ? { status: 200, text: env.yaml, headers: { 'content-type': 'application/x-yaml' } }
      : notFound('environment');
  },
  UpdateEnvironment_esc_environments: (req, s) => {
    const env = orgMatches(s, req.params.orgName)
      ? s.environments.get(`${req.params.projectName}/${req.params.envName}`)
      : undefined;
    if (!env) return notFound('environment');
    if (!(req.headers['content-type'] ?? '').startsWith('application/x-yaml'))
      return badRequest('the definition must be sent as application/x-yaml');
    env.yaml = req.body;
    env.modified = new Date().toISOString();
    return json(200, { diagnostics: [] });
  },
  DeleteEnvironment_esc_environments: (req, s) =>
    orgMatches(s, req.params.orgName) &&
    s.environments.delete(`${req.params.projectName}/${req.params.envName}`)
      ? { status: 200 }
      : notFound('environment'),
  Capabilities: () =>
    json(200, {
      capabilities: [
        {
          capability: 'api-version',
          version: 1,
          configuration: { minVersion: 1, maxVersion: 9, defaultVersion: 8 },
        },
      ],
    }),
  Version: () =>
    json(200, {
      latestVersion: '3.200.0',
      oldestWithoutWarning: '3.150.0',
      latestDevVersion: '3.201.0-alpha.1',
    }),
};
