import { errors } from 'undici';
import { describe, expect, it } from 'vitest';
import { NotSentError } from './admission.ts';
import { describeFailure, failureCode } from './describe-error.ts';

/** The error an `AbortSignal.timeout` aborts with: a DOMException whose legacy numeric `code` is 23. */
async function signalTimeout(): Promise<unknown> {
  const signal = AbortSignal.timeout(1);
  await new Promise((resolve) => signal.addEventListener('abort', resolve));
  return signal.reason;
}

describe('describing a transport failure', () => {
  it('names a timeout by its name, not by the numeric code a DOMException carries', async () => {
    const error = await signalTimeout();
    expect((error as { code: unknown }).code).toBe(23);
    expect(failureCode(error)).toBe('TimeoutError');
    expect(describeFailure(error, 400)).toBe('timed out after 400 ms (TimeoutError)');
  });

  it.each([
    [new errors.HeadersTimeoutError(), 'timed out after 400 ms (UND_ERR_HEADERS_TIMEOUT)'],
    [new errors.BodyTimeoutError(), 'timed out after 400 ms (UND_ERR_BODY_TIMEOUT)'],
    [new errors.ConnectTimeoutError(), 'timed out after 400 ms (UND_ERR_CONNECT_TIMEOUT)'],
    [new errors.SocketError('other side closed'), 'UND_ERR_SOCKET: other side closed'],
    [
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1\nat …'), { code: 'ECONNREFUSED' }),
      'ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:1',
    ],
    [
      Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNRESET' } }),
      'ECONNRESET: fetch failed',
    ],
    [
      new NotSentError('the request budget is spent (MAX_REQUESTS=1)'),
      'not sent: the request budget is spent (MAX_REQUESTS=1)',
    ],
    [new Error('odd'), 'Error: odd'],
    ['a string', 'Error: '],
  ])('%s → %s', (error, line) => {
    expect(describeFailure(error, 400)).toBe(line);
  });
});
