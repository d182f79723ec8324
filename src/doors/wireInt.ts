/** Signs and surrounding whitespace allowed, digits only; what the asmx bindings have always accepted. */
const INTEGER_TEXT = /^\s*[+-]?\d+\s*$/;

/**
 * The integer a wire parameter's text spells, or undefined when it is not a whole number that
 * JavaScript holds exactly. Every door reads integers from wire text through here.
 */
export function parseWireInt(text: string): number | undefined {
  if (!INTEGER_TEXT.test(text)) return undefined;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : undefined;
}
