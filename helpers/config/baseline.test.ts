import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { baselineVerdict, loadBaseline } from './baseline.ts';

const entries = [
  {
    api: 'pulumi',
    operation: 'Capabilities',
    check: 'status',
    reason: 'PLAT-12: 203 until the proxy fix',
    expires: '2026-12-31',
  },
  { operation: 'GetMe', check: 'schema', reason: 'any API', expires: '2026-01-01' },
];

describe('baseline', () => {
  it('accepts a listed failure until its expiry day, then fails it again', () => {
    expect(baselineVerdict(entries, 'pulumi', 'Capabilities', 'status', '2026-12-31')?.kind).toBe('accepted');
    expect(baselineVerdict(entries, 'pulumi', 'Capabilities', 'status', '2027-01-01')?.kind).toBe('expired');
    expect(baselineVerdict(entries, 'cloudpirates', 'Capabilities', 'status', '2026-06-01')).toBeUndefined();
    expect(baselineVerdict(entries, 'cloudpirates', 'GetMe', 'schema', '2025-12-01')?.kind).toBe('accepted');
    expect(baselineVerdict(entries, 'pulumi', 'Capabilities', 'auth', '2026-06-01')).toBeUndefined();
  });

  it('reads YAML and names a bad entry', () => {
    const dir = mkdtempSync(join(tmpdir(), 'baseline-'));
    writeFileSync(
      join(dir, 'ok.yaml'),
      '- { operation: A, check: status, reason: r, expires: 2030-01-01 }\n',
    );
    writeFileSync(join(dir, 'bad.yaml'), '- { operation: A, check: status, reason: r, expires: soon }\n');
    expect(loadBaseline(join(dir, 'ok.yaml'))).toHaveLength(1);
    expect(() => loadBaseline(join(dir, 'bad.yaml'))).toThrow(
      'entry 1: expires must be a date like 2027-01-31',
    );
  });
});
