import type { Summary, Totals } from './summary.ts';

/** Colours for the console; identity functions when colour is off, so no escape code reaches a file or CI log. */
export interface Paint {
  readonly green: (text: string) => string;
  readonly red: (text: string) => string;
  readonly yellow: (text: string) => string;
  readonly dim: (text: string) => string;
  readonly bold: (text: string) => string;
}

const sgr = (open: number, close: number) => (text: string) => `\x1b[${open}m${text}\x1b[${close}m`;
const plain = (text: string) => text;

/** ANSI colours when `color` is true, plain text otherwise. */
export function paint(color: boolean): Paint {
  return color
    ? { green: sgr(32, 39), red: sgr(31, 39), yellow: sgr(33, 39), dim: sgr(2, 22), bold: sgr(1, 22) }
    : { green: plain, red: plain, yellow: plain, dim: plain, bold: plain };
}

/** A failure line never runs on for pages: a body excerpt in a message is cut here, the reports keep it whole. */
const MAX_LINE = 300;
const cut = (text: string) => (text.length > MAX_LINE ? `${text.slice(0, MAX_LINE - 1)}…` : text);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** `249 checks: 167 passed (3 races), 2 failed, 80 skipped`, coloured by what matters. */
export function countsText(t: Totals, p: Paint, noun = 'check'): string {
  const flags = [
    t.races > 0 ? plural(t.races, 'race') : '',
    t.warnings > 0 ? plural(t.warnings, 'warning') : '',
    t.accepted > 0 ? `${t.accepted} accepted by the baseline` : '',
    t.unvalidated > 0 ? `${t.unvalidated} validated nothing` : '',
  ].filter(Boolean);
  const passed = `${t.passed} passed${flags.length > 0 ? ` (${flags.join(', ')})` : ''}`;
  const failed = `${t.failed} failed`;
  return `${plural(t.tests, noun)}: ${p.green(passed)}, ${t.failed > 0 ? p.red(failed) : failed}, ${p.dim(`${t.skipped} skipped`)}`;
}

/** The line of one target (a top-level suite) once it has finished, or while it runs (`done` of `total`). */
export function targetLine(
  name: string,
  state:
    | { readonly totals: Totals; readonly durationMs: number; readonly errors: number; readonly noun: string }
    | { readonly done: number; readonly total: number; readonly ms: number },
  p: Paint,
): string {
  if ('done' in state)
    return `${p.dim('…')} ${name}  ${p.dim(`running ${seconds(state.ms)}: ${state.done} of ${state.total} tests judged`)}`;
  const { totals, durationMs, errors, noun } = state;
  const allSkipped = totals.tests > 0 && totals.skipped === totals.tests;
  const mark = totals.failed > 0 || errors > 0 ? p.red('✗') : allSkipped ? p.dim('–') : p.green('✓');
  const error = errors > 0 ? `, ${p.red(plural(errors, 'other failure'))}` : '';
  return `${mark} ${name}  ${countsText(totals, p, noun)}${error} ${p.dim(`· ${seconds(durationMs)}`)}`;
}

/** One failed test on one line: where, then the first finding's title and `Received: … / Documented: …`. */
export function failureLine(where: string, message: string, p: Paint): string {
  const lines = message.split('\n').filter((l) => l.trim() !== '');
  const more = lines.length > 1 ? p.dim(` (+${lines.length - 1} more)`) : '';
  return `${p.red('✗')} ${p.bold(where)}: ${cut((lines[0] ?? 'failed').trim())}${more}`;
}

/** How many failure lines the console shows at most; the rest are counted and left to the reports. */
export const MAX_FAILURE_LINES = 40;
/** How many error lines (a file that did not load, a set-up that failed) the console shows at most. */
export const MAX_ERROR_LINES = 8;

/** The closing block: errors, the totals, and where the three reports are. */
export function closingLines(summary: Summary, paths: readonly string[], p: Paint): string[] {
  const lines: string[] = [];
  if (!summary.complete) {
    lines.push(p.red(`Incomplete run (${summary.endReason}):`));
    for (const e of summary.errors.slice(0, MAX_ERROR_LINES)) lines.push(`  ${p.red('error:')} ${cut(e)}`);
    if (summary.errors.length > MAX_ERROR_LINES)
      lines.push(`  … and ${summary.errors.length - MAX_ERROR_LINES} more errors in summary.json`);
  }
  lines.push(`Conformance: ${countsText(summary.totals, p)} ${p.dim(`· ${seconds(summary.durationMs)}`)}`);
  // Tests beside the checks: each target's cleanup test, and the contract tests of the release gate.
  if (summary.otherTests.tests > 0)
    lines.push(`Other tests (cleanup, contracts): ${countsText(summary.otherTests, p, 'test')}`);
  const [first, ...rest] = paths;
  lines.push(`Reports: ${first ?? ''}`, ...rest.map((path) => `         ${path}`));
  return lines;
}
