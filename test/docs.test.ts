import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderErrorsMarkdown } from '../src/docs/errorsMarkdown';
import { ENGINE_ERROR_CODES } from '../src/engine';

describe('docs/errors.md', () => {
  const doc = readFileSync(join(__dirname, '..', 'docs', 'errors.md'), 'utf8');

  it('is what npm run docs:errors generates from the catalogue and the door tables', () => {
    expect(doc).toBe(renderErrorsMarkdown());
  });

  it('names every engine error once in the catalogue and once per door', () => {
    for (const code of ENGINE_ERROR_CODES) {
      expect(doc.split('\n').filter((line) => line.startsWith(`| ${code} |`))).toHaveLength(4);
    }
  });
});
