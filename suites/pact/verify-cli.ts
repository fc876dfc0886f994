// Verifies the Pulumi pact file against an embedded mock switched into the faults named on the command line, in
// its own process: the Pact verifier prints its report natively, and a test reads it from here.
import { join } from 'node:path';
import { config } from '../../helpers/config/env.ts';
import { startPulumiMock } from '../../helpers/mocks/pulumi/pulumi-mock.ts';
import { PULUMI_PLACEHOLDER, pulumiStates } from './pulumi-states.ts';
import { verifyProvider } from './verify-provider.ts';

const TOKEN = 'pul-pact-provider-token';
const mock = await startPulumiMock({ accessToken: TOKEN, faults: process.argv.slice(2) });
try {
  await verifyProvider({
    provider: 'pulumi-cloud',
    baseUrl: mock.url,
    pactFile: join(config().reportsDir, 'pacts', 'conformance-client-pulumi-cloud.json'),
    header: 'Authorization',
    placeholder: PULUMI_PLACEHOLDER,
    credential: TOKEN,
    states: pulumiStates(mock.url, TOKEN),
    writesAllowed: true,
  });
  console.log('verification passed');
} catch (error) {
  console.log(`verification failed: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await mock.close();
}
