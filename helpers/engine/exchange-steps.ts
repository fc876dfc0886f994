import LinkHeader from 'http-link-header';
import type { Variant } from '../checks/check.ts';
import { type Exchange, header, type OutgoingRequest, provenance } from '../core/exchange.ts';
import { atPointer, tryParseJson } from '../core/json.ts';
import type { HttpClient } from '../http/client.ts';
import { isWrite, type Operation, responseFor } from '../spec/operation.ts';
import { evaluateExpression } from '../spec/runtime-expression.ts';
import { isUnderBase } from '../url/build-url.ts';
import type { Prepared } from './prepare.ts';
import type { Variables } from './variables.ts';

/** Records what a successful exchange tells about parameters: discover rules, captures and spec links. */
export function learn(
  prepared: Prepared,
  vars: Variables,
  operation: Operation,
  exchange: Exchange,
  pathValues: Record<string, string>,
) {
  const status = exchange.response?.status ?? 0;
  if (status < 200 || status >= 300) return;
  const { profile } = prepared.target;
  const owned = new Set(profile.parameters?.owned ?? []);
  const write = isWrite(operation);
  const body = tryParseJson(exchange.response?.body);
  for (const [name, rule] of Object.entries(profile.parameters?.discover ?? {})) {
    const value = rule.operation === operation.id ? atPointer(body, rule.pointer) : undefined;
    if ((typeof value === 'string' || typeof value === 'number') && !vars.discovered.has(name))
      vars.discovered.set(name, String(value));
  }
  const links = responseFor(operation, status)?.links ?? [];
  const captures = {
    ...Object.assign({}, ...links.map((l) => l.parameters)),
    ...profile.requests?.[operation.id]?.capture,
  };
  for (const [name, expression] of Object.entries(captures as Record<string, string>)) {
    const value = evaluateExpression(expression, exchange, pathValues);
    if (value === undefined) continue;
    if (write && owned.has(name)) vars.created.set(name, value);
    else if (!vars.discovered.has(name)) vars.discovered.set(name, value);
  }
}

/** Sends a check's variant and, when it asks, follows `Link: rel="next"` while the link stays under the base URL. */
export async function sendVariant(
  client: HttpClient,
  baseUrl: string,
  operation: Operation,
  check: string,
  variant: Variant,
  request: OutgoingRequest,
) {
  const name = variant.name;
  const sent = [
    await client.send(variant.change(request), provenance(operation.id, { kind: 'variant', check, name })),
  ];
  for (let page = 2; page <= (variant.followNext ?? 0) + 1; page++) {
    const last = sent[sent.length - 1];
    const link = last?.response && header(last.response.headers, 'link');
    const next =
      last && variant.next
        ? variant.next(last)
        : link
          ? LinkHeader.parse(link).rel('next')[0]?.uri
          : undefined;
    if (!last || !next) break;
    const url = new URL(next, last.request.url).toString();
    if (!isUnderBase(url, baseUrl)) break;
    sent.push(
      await client.send(
        { ...variant.change(request), url },
        provenance(operation.id, { kind: 'page', check, name, index: page }),
      ),
    );
  }
  return sent;
}
