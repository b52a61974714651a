/** The message of a caught error for a report line; a thrown non-Error is shown as text rather than lost. */
export function describeError(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
