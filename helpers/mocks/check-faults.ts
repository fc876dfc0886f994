import type { Config } from '../config/env.ts';
import type { Profile } from '../config/profile.ts';
import { SetupError } from '../core/errors.ts';
import { CLOUDPIRATES_FAULTS } from './cloudpirates/faults.ts';
import type { Fault } from './faults.ts';
import { PULUMI_FAULTS } from './pulumi/faults.ts';
import { TASKBOARD_FAULTS } from './taskboard/faults.ts';

// Only the fault tables: checking a configuration must not load the mocks themselves.
const FAULTS: Readonly<Record<string, Readonly<Record<string, Fault>>>> = {
  pulumi: PULUMI_FAULTS,
  cloudpirates: CLOUDPIRATES_FAULTS,
  taskboard: TASKBOARD_FAULTS,
};

/** True when the profile runs against its embedded mock: it has one and its base-URL variable is not set. */
export const usesEmbeddedMock = (profile: Profile, cfg: Config): boolean =>
  profile.mock !== undefined &&
  profile.mock in FAULTS &&
  !(profile.baseUrl?.env !== undefined && cfg.variable(profile.baseUrl.env) !== undefined);

/**
 * Checks every `MOCK_FAULTS` entry names a fault of a mock this run starts; a name that would do nothing (no
 * `mock:` prefix, an unknown fault, a mock replaced by a live target) is a setup error, never ignored.
 */
export function checkMockFaults(cfg: Config, profiles: readonly Profile[]): void {
  for (const entry of cfg.mockFaults) {
    const [mock, fault] = entry.includes(':') ? entry.split(/:(.*)/s) : [undefined, entry];
    const table = mock === undefined ? undefined : FAULTS[mock];
    if (mock === undefined || table === undefined)
      throw new SetupError(
        'CONFIG_INVALID',
        `MOCK_FAULTS entry "${entry}" names no embedded mock; write <mock>:<fault>, e.g. pulumi:${fault || 'wrong-type'} (mocks: ${Object.keys(FAULTS).join(', ')}).`,
      );
    if (fault === undefined || !(fault in table))
      throw new SetupError(
        'CONFIG_INVALID',
        `MOCK_FAULTS names an unknown ${mock} mock fault "${fault}"; known: ${Object.keys(table).join(', ')}.`,
      );
    const profile = profiles.find((p) => p.mock === mock);
    if (!profile || !usesEmbeddedMock(profile, cfg))
      throw new SetupError(
        'CONFIG_INVALID',
        `MOCK_FAULTS names ${entry}, but this run starts no ${mock} mock${profile?.baseUrl?.env ? ` (${profile.baseUrl.env} selects a live target)` : ''}; remove it from MOCK_FAULTS.`,
      );
  }
}
