import type { Exchange } from './exchange.ts';
import { atPointer, tryParseJson } from './json.ts';

const unwrap = (text: string | undefined, pointer: string): string | undefined => {
  const inner = atPointer(tryParseJson(text), pointer);
  return inner !== null && typeof inner === 'object' ? JSON.stringify(inner) : undefined;
};

/**
 * The exchange as its payload: JSON bodies of the request and the response replaced by what sits at the
 * envelope pointer (`/data` of `{data: …}`), where that is an object. Bodies without the envelope stay.
 */
export function inEnvelope<T extends Exchange | undefined>(exchange: T, pointer: string | undefined): T {
  if (!exchange || pointer === undefined || pointer === '') return exchange;
  const response = exchange.response;
  const responseBody = response ? unwrap(response.body, pointer) : undefined;
  const requestBody = unwrap(exchange.request.body, pointer);
  return {
    ...exchange,
    request: requestBody === undefined ? exchange.request : { ...exchange.request, body: requestBody },
    ...(response && responseBody !== undefined ? { response: { ...response, body: responseBody } } : {}),
  };
}
