/** How much a finding matters: errors fail a test, warnings and notes annotate it. */
export type Severity = 'error' | 'warning' | 'note';

/** One observation of a check about one operation: data, never an exception. */
export interface Finding {
  readonly check: string;
  readonly operation: string;
  readonly severity: Severity;
  /** Short, stable title, e.g. "Undocumented status code". */
  readonly title: string;
  /** "Received: … / Documented: …" text that says what to look at. */
  readonly message: string;
  /** Which exchange the finding is about (variant name), for the report's details. */
  readonly variant?: string;
  /** Machine-readable details (e.g. a consistency outcome and its time to visibility) for reports. */
  readonly data?: Readonly<Record<string, unknown>>;
}

/** Builds a finding with the check and operation filled in. */
export function finding(
  check: string,
  operation: string,
  severity: Severity,
  title: string,
  message: string,
  variant?: string,
): Finding {
  return variant === undefined
    ? { check, operation, severity, title, message }
    : { check, operation, severity, title, message, variant };
}

/** The errors among findings: what makes a test fail. */
export function errorsOf(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => f.severity === 'error');
}

/** A note that the check ran but validated nothing here (no schema, no read to compare): shown as not validated. */
export function notValidated(check: string, operation: string, title: string, message: string): Finding {
  return { ...finding(check, operation, 'note', title, message), data: { coverage: 'none' } };
}

/** True when a check's findings say it validated nothing. */
export const validatedNothing = (findings: readonly Finding[]): boolean =>
  findings.some((f) => f.data?.coverage === 'none');
