import { parse, type Filter } from 'scim2-parse-filter';
import { ScimDoorError } from './errorTable';

/** The end of the quoted string starting at i (at its opening quote), past the closing quote. */
function endOfQuoted(text: string, i: number): number {
  let j = i + 1;
  while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
  if (j >= text.length) throw new ScimDoorError('BAD_FILTER', 'A quoted value is not closed');
  return j + 1;
}

/** Reads a word (an operator, an attribute, a bare value) from i; returns where it ends. */
function endOfWord(text: string, i: number): number {
  let j = i;
  while (j < text.length && !/[\s()[\]]/.test(text[j])) j++;
  return j;
}

const skipSpace = (text: string, i: number): number => {
  while (i < text.length && /\s/.test(text[i])) i++;
  return i;
};

/**
 * `emails[type eq "work"].value eq "x"` (RFC 7644 §3.4.2.2, Entra's lookup) as
 * `emails[type eq "work" and value eq "x"]`. scim2-parse-filter reads the first form as two
 * unrelated conditions joined by and, which would match a user whose work address is another
 * one; the second form binds both to the same address.
 */
export function foldValuePaths(text: string): string {
  const opens: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      i = endOfQuoted(text, i) - 1;
    } else if (c === '[') {
      opens.push(i);
    } else if (c === ']') {
      const open = opens.pop();
      if (open === undefined || text[i + 1] !== '.') continue;
      const subEnd = endOfWord(text, i + 2);
      const opStart = skipSpace(text, subEnd);
      const opEnd = endOfWord(text, opStart);
      const op = text.slice(opStart, opEnd);
      let end = opEnd;
      if (op.toLowerCase() !== 'pr') {
        const valueStart = skipSpace(text, opEnd);
        end = text[valueStart] === '"' ? endOfQuoted(text, valueStart) : endOfWord(text, valueStart);
      }
      const inner = text.slice(open + 1, i);
      const condition = `${text.slice(i + 2, subEnd)} ${text.slice(opStart, end).trim()}`;
      return foldValuePaths(`${text.slice(0, open)}[${inner} and ${condition}]${text.slice(end)}`);
    }
  }
  return text;
}

/** A filter's syntax tree, or BAD_FILTER saying why not. */
export function parseFilter(text: string, maxLength: number): Filter {
  if (text.length > maxLength) throw new ScimDoorError('BAD_FILTER', `The filter is longer than ${maxLength} characters`);
  try {
    return parse(foldValuePaths(text));
  } catch (err) {
    if (err instanceof ScimDoorError) throw err;
    throw new ScimDoorError('BAD_FILTER', `The filter does not parse: ${(err as Error).message}`);
  }
}
