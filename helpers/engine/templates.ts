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
