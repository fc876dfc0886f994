/** The text a secret learned during a run (a token or password in a JSON body) leaves in every record. */
export const redactionMark = (label: string): string => `[redacted:${label}]`;

/** Finds the marks `redactionMark` leaves; group 1 is the label (the field the secret stood under). */
export const REDACTION_MARK = /\[redacted:([^\]\s]+)\]/g;
