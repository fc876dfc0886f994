import { join } from 'node:path';
import type { Config } from '../config/env.ts';
import type { Profile } from '../config/profile.ts';
import { startCloudPiratesMock } from './cloudpirates/cloudpirates-mock.ts';
import type { RunningMock } from './mock-server.ts';
import { startPulumiMock } from './pulumi/pulumi-mock.ts';
import { startTaskboardMock } from './taskboard/taskboard-mock.ts';

/** Starts an embedded mock for a profile, accepting the profile's mock credentials. */
type MockStarter = (profile: Profile, config: Config) => Promise<RunningMock>;

/** The embedded mocks by the name a profile's `mock` key uses. */
export const EMBEDDED_MOCKS: Readonly<Record<string, MockStarter>> = {
  pulumi: (profile, config) =>
    startPulumiMock({
      accessToken: profile.credential?.mockValue ?? 'mock-token',
      faults: faultsFor('pulumi', config),
      chaos: config.mockChaos,
      validatorCache: validatorCache(config),
    }),
  cloudpirates: (profile, config) =>
    startCloudPiratesMock({
      faults: faultsFor('cloudpirates', config),
      apiKey: profile.credential?.mockValue ?? 'mock-key',
      accessToken: profile.extraCredentials?.BearerAuth?.mockValue ?? 'mock-bearer',
      lagMs: config.cloudpiratesMockLagMs,
      validatorCache: validatorCache(config),
    }),
  taskboard: (profile, config) =>
    startTaskboardMock({
      token: profile.credential?.mockValue ?? 'mock-token',
      faults: faultsFor('taskboard', config),
      validatorCache: validatorCache(config),
    }),
};

/** Where the mocks keep the request validators they compiled: beside the run's own, in its state directory. */
const validatorCache = (config: Config) => join(config.stateDir, 'validators');

/** The faults `MOCK_FAULTS` names for one mock (`<mock>:<fault>`). */
export function faultsFor(mock: string, config: Config): string[] {
  return config.mockFaults.filter((f) => f.startsWith(`${mock}:`)).map((f) => f.slice(mock.length + 1));
}
