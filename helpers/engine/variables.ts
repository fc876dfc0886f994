/** Values for path parameters and templates: discovered from reads, or created by this run's writes. */
export interface Variables {
  readonly discovered: Map<string, string>;
  readonly created: Map<string, string>;
}

/** A fresh store seeded with the profile's fixed values and the run id. */
export function createVariables(fixed: Readonly<Record<string, string>>, runId: string): Variables {
  return { discovered: new Map([...Object.entries(fixed), ['runId', runId]]), created: new Map() };
}

/** A variable's value; owned variables (resource names) come only from what this run created when `forWrite`. */
export function lookup(vars: Variables, name: string, owned: boolean, forWrite: boolean): string | undefined {
  if (owned && forWrite) return vars.created.get(name);
  return vars.discovered.get(name) ?? vars.created.get(name);
}

/** Replaces `{name}` in strings, deeply through objects and arrays; undefined names are listed in `missing`. */
export function interpolate(
  value: unknown,
  resolveName: (name: string) => string | undefined,
  missing: Set<string>,
): unknown {
  if (typeof value === 'string') {
    return value.replace(/\{([A-Za-z_][\w.-]*)\}/g, (whole, name: string) => {
      const found = resolveName(name);
      if (found === undefined) missing.add(name);
      return found ?? whole;
    });
  }
  if (Array.isArray(value)) return value.map((v) => interpolate(v, resolveName, missing));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, interpolate(v, resolveName, missing)]),
    );
  }
  return value;
}
