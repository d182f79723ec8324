const PLACEHOLDER = /\{(\d+)\}/g;

/**
 * An error table's message with {0}, {1}, ... replaced by the values, as .NET's String.Format
 * fills them: each value goes in literally, once, even when it holds "$&" or "{1}" itself.
 * Call it on error paths only: it builds a new string.
 */
export function fillPlaceholders(template: string, ...values: readonly string[]): string {
  return template.replace(PLACEHOLDER, (whole: string, index: string) => values[Number(index)] ?? whole);
}
