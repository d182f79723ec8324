/** NumberStyles.Integer: ASCII white space (tab to CR, space) around, one sign, ASCII digits. */
const INT32_TEXT = /^[\t\n\v\f\r ]*([+-]?)0*(\d+)[\t\n\v\f\r ]*$/;
const MAX = 2147483647;

export type Int32Reading = { value: number } | { error: 'format' | 'overflow' };

/**
 * Reads a parameter as .NET's Int32.Parse(text, NumberStyles.Integer, invariant culture) does, on
 * every binding: a non-breaking or other Unicode space is a format error, and a value outside
 * the Int32 range is an overflow (told apart, as .NET's messages are).
 */
export function readInt32(text: string): Int32Reading {
  const match = INT32_TEXT.exec(text);
  if (!match) return { error: 'format' };
  const [, sign, digits] = match;
  if (digits.length > 10) return { error: 'overflow' };
  const magnitude = Number(digits);
  if (magnitude > MAX + (sign === '-' ? 1 : 0)) return { error: 'overflow' };
  // `-0` is 0, as in .NET.
  return { value: sign === '-' ? 0 - magnitude : magnitude };
}
