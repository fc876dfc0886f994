import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtInProfile, builtInProfileNames } from './load-profile.ts';

describe('.env.example', () => {
  const example = readFileSync('.env.example', 'utf8');
  const documented = new Set([...example.matchAll(/^#\s*([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]));

  it('documents every variable the configuration reads', () => {
    const source = readFileSync('helpers/config/env.ts', 'utf8');
    const read = new Set(
      [...source.matchAll(/env(?:\.|\[')([A-Z][A-Z0-9_]+)|\(env, '([A-Z][A-Z0-9_]+)'/g)].map(
        (m) => m[1] ?? m[2],
      ),
    );
    expect(read.size).toBeGreaterThan(15);
    expect([...read].filter((name) => !documented.has(name))).toEqual([]);
  });

  it('documents every variable the built-in profiles name', () => {
    const named = builtInProfileNames().flatMap((name) => {
      const p = builtInProfile(name);
      return [
        p.baseUrl?.env,
        p.credential?.env,
        p.spec.env,
        ...Object.values(p.extraCredentials ?? {}).map((c) => c.env),
        ...(p.requiredHeaders ?? []).map((h) => h.env),
      ];
    });
    expect(named.filter((n): n is string => n !== undefined && !documented.has(n))).toEqual([]);
  });
});
