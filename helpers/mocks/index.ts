import type { Profile } from '../config/profile.ts';
import type { RunningMock } from './mock-server.ts';
import { startPulumiMock } from './pulumi/pulumi-mock.ts';

/** Starts an embedded mock for a profile, accepting the profile's mock credential. */
type MockStarter = (profile: Profile) => Promise<RunningMock>;

/** The embedded mocks by the name a profile's `mock` key uses. */
export const EMBEDDED_MOCKS: Readonly<Record<string, MockStarter>> = {
  pulumi: (profile) => startPulumiMock({ accessToken: profile.credential.mockValue ?? 'mock-token' }),
};
