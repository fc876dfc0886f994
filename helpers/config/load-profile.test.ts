import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { builtInProfile, builtInProfileNames, loadProfileFile, parseProfile } from './load-profile.ts';
import { PROFILE_SCHEMA } from './profile-schema.ts';

const minimal = {
  name: 'demo',
  spec: { path: 'openapi.yaml' },
  credential: { header: 'Authorization', scheme: 'Bearer', env: 'DEMO_TOKEN' },
};
const errorOf = (data: unknown) => {
  try {
    parseProfile(data, 'demo.yaml', '.');
  } catch (error) {
    return (error as Error).message;
  }
  return 'no error';
};

describe('profiles', () => {
  it('are judged by a schema that is itself valid JSON Schema (runs compile it without that check)', () => {
    const ajv = new Ajv({ strict: false });
    expect(ajv.validateSchema(PROFILE_SCHEMA), ajv.errorsText()).toBe(true);
  });

  it('accepts a minimal profile and the built-in ones', () => {
    expect(parseProfile(minimal, 'demo.yaml', '/p').dir).toBe('/p');
    expect(builtInProfileNames()).toContain('pulumi');
    expect(builtInProfile('pulumi').credential).toMatchObject({
      scheme: 'token',
      env: 'PULUMI_ACCESS_TOKEN',
    });
  });

  it('names the path of an unknown key', () => {
    expect(errorOf({ ...minimal, credential: { ...minimal.credential, sheme: 'x' } })).toBe(
      'Profile demo.yaml is malformed: /credential/sheme: unknown key.',
    );
  });

  it('names each bad key once, one line', () => {
    const message = errorOf({ ...minimal, colour: 1, consistency: { windowMs: 'soon' } });
    expect(message).toContain('/colour: unknown key');
    expect(message).toContain('/consistency/windowMs: must be integer');
    expect(message).not.toContain('\n');
  });

  it('reads YAML files and reports unreadable or invalid ones', () => {
    const dir = mkdtempSync(join(tmpdir(), 'profile-'));
    writeFileSync(
      join(dir, 'ok.yaml'),
      'name: demo\nspec: { path: x.yaml }\ncredential: { header: X-Api-Key, env: KEY }\n',
    );
    writeFileSync(join(dir, 'bad.yaml'), 'name: [unclosed\n');
    expect(loadProfileFile(join(dir, 'ok.yaml')).name).toBe('demo');
    expect(() => loadProfileFile(join(dir, 'bad.yaml'))).toThrow(/is not valid YAML or JSON/);
    expect(() => loadProfileFile(join(dir, 'missing.yaml'))).toThrow(
      /Cannot read profile .*missing.yaml \(ENOENT\); check CONFORMANCE_PROFILE/,
    );
    expect(() => builtInProfile('nope')).toThrow('CONFORMANCE_TARGETS names an unknown profile "nope"');
  });
});
