import type { Exchange } from '../core/exchange.ts';
import type { HttpClient } from '../http/client.ts';
import { type Operation, responseFor } from '../spec/operation.ts';
import { evaluateExpression } from '../spec/runtime-expression.ts';
import { pathParams } from '../url/build-url.ts';
import type { CreatedRegistry } from './created-registry.ts';
import type { Prepared } from './prepare.ts';

/**
 * Registers, for teardown, the resources that probes of a write created: a probe the API wrongly accepted (a
 * refused credential, an invalid body) or a boundary body it rightly accepted. The resource is found the way the
 * baseline's is: the operation's captures and response links that name an owned variable; a capture of one of the
 * operation's own path parameters is a rename, not a creation, and is left alone.
 */
export function registerProbeCreations(
  prepared: Prepared,
  client: HttpClient,
  registry: CreatedRegistry,
  operation: Operation,
  probes: readonly Exchange[],
  pathValues: Readonly<Record<string, string>>,
): void {
  const { profile } = prepared.target;
  const owned = new Set(profile.parameters?.owned ?? []);
  const own = new Set(pathParams(operation.path));
  for (const probe of probes) {
    const status = probe.response?.status ?? 0;
    if (!probe.response || status < 200 || status >= 300) continue;
    const raw = client.rawBody(probe);
    const view = raw === undefined ? probe : { ...probe, response: { ...probe.response, body: raw } };
    const captures: Record<string, string> = {
      ...Object.assign({}, ...(responseFor(operation, status)?.links ?? []).map((l) => l.parameters)),
      ...profile.requests?.[operation.id]?.capture,
    };
    for (const [variable, expression] of Object.entries(captures)) {
      if (!owned.has(variable) || own.has(variable)) continue;
      const value = evaluateExpression(expression, view, pathValues);
      if (value !== undefined)
        registry.add({
          variable,
          value,
          createdBy: `${operation.id} (${probe.label})`,
          context: { ...pathValues },
        });
    }
  }
}
