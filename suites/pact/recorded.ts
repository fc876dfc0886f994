import { getFfiLib } from '@pact-foundation/pact-core';

/** How long a contract test waits for the mock server's record at the most: only a real mismatch waits this long. */
const RECORD_WAIT_MS = 10_000;

/**
 * Wraps a consumer test so that it returns only once the Pact mock server has recorded every request it answered.
 * Pact's mock server answers a request before it records the match (pact-foundation/pact-core-mock-server#13,
 * fixed in pact-core 20.1, which needs Node 22): on a busy machine `executeTest` can read the record first and
 * report an answered request as never received. The wait ends on the record itself; a contract that really does
 * not match never gets there, and after the wait Pact reports it as it would have.
 */
export function recorded<T>(
  test: (mock: { readonly port: number; readonly url: string }) => Promise<T>,
): (mock: { readonly port: number; readonly url: string }) => Promise<T> {
  return async (mock) => {
    const value = await test(mock);
    const ffi = getFfiLib();
    const giveUp = Date.now() + RECORD_WAIT_MS;
    while (!ffi.pactffiMockServerMatched(mock.port) && Date.now() < giveUp)
      await new Promise((resolve) => setTimeout(resolve, 5));
    return value;
  };
}
