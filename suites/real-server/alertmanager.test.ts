import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Summary } from '../../helpers/report/summary.ts';
import { runCli } from '../fixtures/run-cli.ts';
import { alertmanagerMissing, type RunningAlertmanager, startAlertmanager } from './alertmanager.ts';

interface KnownFinding {
  readonly operation: string;
  readonly check: string;
  readonly title: string;
  readonly class: 'real';
  readonly spec: string;
  readonly response: string;
  readonly why: string;
}

const missing = alertmanagerMissing();
const known = parse(
  readFileSync(new URL('./alertmanager.findings.yaml', import.meta.url), 'utf8'),
) as KnownFinding[];

describe.skipIf(missing !== undefined)(
  `a real server: Prometheus Alertmanager${missing ? ` (skipped: ${missing})` : ''}`,
  () => {
    let server: RunningAlertmanager;
    let run: { code: number; out: string };
    let summary: Summary;
    const reports = mkdtempSync(join(tmpdir(), 'alertmanager-run-'));

    beforeAll(async () => {
      server = await startAlertmanager();
      // Its own throwaway instance on loopback: writes are allowed here, never by the profile itself.
      const env = {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        CONFORMANCE_TARGETS: 'none',
        CONFORMANCE_PROFILE: 'suites/real-server/alertmanager.profile.yaml',
        ALERTMANAGER_URL: server.baseUrl,
        ALERTMANAGER_SPEC: server.specPath,
        ALLOW_WRITES: 'true',
        REPORTS_DIR: reports,
      };
      run = await runCli(env);
      summary = JSON.parse(readFileSync(join(reports, 'summary.json'), 'utf8')) as Summary;
    }, 180_000);
    afterAll(async () => {
      await server?.stop();
    });

    it('runs the suite against it through its profile alone, from the Swagger 2.0 document the server carries', () => {
      expect(run.out).toContain('Conformance run: alertmanager:');
      const ran = (operation: string, check: string) =>
        summary.tests.find((t) => t.operation === operation && t.check === check)?.outcome;
      // getSilence reads the silence the run's postSilences made: its id comes from the create's answer.
      for (const operation of [
        'getStatus',
        'getReceivers',
        'getAlerts',
        'getAlertGroups',
        'getSilences',
        'getSilence',
      ])
        for (const check of ['status', 'schema', 'headers', 'url'])
          expect([operation, check, ran(operation, check)]).toEqual([operation, check, 'passed']);
      expect(ran('postSilences', 'status')).toBe('passed');
      expect(ran('postAlerts', 'status')).toBe('passed');
      expect(ran('getStatus', 'auth')).toBe('skipped');
    });

    it('fails exactly where the list of hand-classified findings says, each a real deviation with its evidence', () => {
      const failures = summary.tests
        .filter((t) => t.outcome === 'failed')
        .flatMap((t) =>
          (t.findings ?? [])
            .filter((f) => f.severity === 'error')
            .map((f) => `${t.operation}/${t.check}: ${f.title}`),
        );
      expect([...new Set(failures)].sort()).toEqual(
        known.map((k) => `${k.operation}/${k.check}: ${k.title}`).sort(),
      );
      for (const k of known) {
        expect(k.class).toBe('real');
        expect(k.spec.trim().length).toBeGreaterThan(0);
        expect(k.response.trim().length).toBeGreaterThan(0);
      }
      expect(run.code).toBe(known.length > 0 ? 1 : 0);
    });
  },
);
