// A server for the benchmark, in a process of its own so that what is timed is the suite alone: the notes API
// (`notes <apiKey> <lagMs>`) or the spec-driven mock of a spec file (`spec <path>`). Prints its base URL.
import { startMockServer } from '../helpers/mocks/mock-server.ts';
import { createSpecDrivenMock } from '../helpers/mocks/spec-driven.ts';
import { loadSpec } from '../helpers/spec/load-spec.ts';
import { startNotes } from './fixtures/notes/server.ts';

const [kind = '', arg = '', lag = '300'] = process.argv.slice(2);
const url =
  kind === 'notes'
    ? (await startNotes(arg, Number(lag))).url
    : (await startMockServer(createSpecDrivenMock(await loadSpec(arg)))).url;
console.log(url);
