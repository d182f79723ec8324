/** What ASP.NET's CrossSiteScriptingValidation calls dangerous: `<` before a letter, `!`, `/` or `?`; `&#`. */
const DANGEROUS = /<[A-Za-z!/?]|&#/;

/**
 * ASP.NET's request validation, which runs before the method sees its parameters: the first
 * value that looks like markup, named as .NET names it (`key="…value…"`, cut to the ten
 * characters before the match and twenty from it), or null when every value passes.
 */
export function dangerousValue(params: ReadonlyMap<string, { key: string; value: string }>): string | null {
  for (const { key, value } of params.values()) {
    const match = DANGEROUS.exec(value);
    if (!match) continue;
    const start = Math.max(0, match.index - 10);
    const end = Math.min(value.length, match.index + 20);
    const head = start > 0 ? '...' : '';
    const tail = end < value.length ? '..."' : '"';
    return `${key}="${head}${value.slice(start, end)}${tail}`;
  }
  return null;
}
