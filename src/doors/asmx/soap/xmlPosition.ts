import sax from 'sax';

/**
 * Where .NET's reader stands after the parameter element `{ns}name` of the body's first element:
 * the line and the column (both from 1) just after its closing tag. XmlSerializer names that
 * position in "There is an error in XML document (line, column).", so a refused value is placed
 * as ASMX places it. Runs on the error path only, over an envelope already read once.
 */
export function positionAfterParameter(xml: string, ns: string, name: string): string {
  const parser = sax.parser(true, { xmlns: true, position: true });
  let depth = 0;
  let inBody = false;
  let bodyElements = 0;
  let inParameter = false;
  let found = '';
  parser.onopentag = (node) => {
    depth++;
    const tag = node as sax.QualifiedTag;
    if (depth === 2) inBody = tag.local === 'Body';
    if (depth === 3 && inBody) bodyElements++;
    if (depth === 4 && inBody && bodyElements === 1 && !found && tag.uri === ns && tag.local === name) inParameter = true;
  };
  parser.onclosetag = () => {
    if (depth === 4 && inParameter && !found) found = `(${parser.line + 1}, ${parser.column + 1})`;
    depth--;
  };
  parser.onerror = () => {
    throw new Error('unreadable');
  };
  try {
    parser.write(xml).close();
  } catch {
    // The envelope was read before; a position is all that is asked for.
  }
  return found || '(0, 0)';
}
