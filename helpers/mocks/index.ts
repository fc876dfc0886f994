import type { Config } from '../config/env.ts';
import type { Profile } from '../config/profile.ts';
import { startCloudPiratesMock } from './cloudpirates/cloudpirates-mock.ts';
import type { RunningMock } from './mock-server.ts';
import { startPulumiMock } from './pulumi/pulumi-mock.ts';

/** Starts an embedded mock for a profile, accepting the profile's mock credentials. */
type MockStarter = (profile: Profile, config: Config) => Promise<RunningMock>;

/** The embedded mocks by the name a profile's `mock` key uses. */
export const EMBEDDED_MOCKS: Readonly<Record<string, MockStarter>> = {
  pulumi: (profile) => startPulumiMock({ accessToken: profile.credential.mockValue ?? 'mock-token' }),
  cloudpirates: (profile, config) =>
    startCloudPiratesMock({
      apiKey: profile.credential.mockValue ?? 'mock-key',
      accessToken: profile.extraCredentials?.BearerAuth?.mockValue ?? 'mock-bearer',
      lagMs: config.cloudpiratesMockLagMs,
    }),
};
