import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderErrorsMarkdown } from '../src/docs/errorsMarkdown';
import { ENGINE_ERROR_CODES } from '../src/engine';
import { CONFIG_ENV } from '../src/config';

describe('docs/errors.md', () => {
  const doc = readFileSync(join(__dirname, '..', 'docs', 'errors.md'), 'utf8');

  it('is what npm run docs:errors generates from the catalogue and the door tables', () => {
    expect(doc).toBe(renderErrorsMarkdown());
  });

  it('names every engine error once in the catalogue and once per door', () => {
    for (const code of ENGINE_ERROR_CODES) {
      expect(doc.split('\n').filter((line) => line.startsWith(`| ${code} |`))).toHaveLength(5);
    }
  });
});

describe('README.md', () => {
  const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');

  it('documents every setting with its environment variable and name', () => {
    for (const [variable, setting] of Object.entries(CONFIG_ENV)) {
      expect(readme).toMatch(new RegExp(`\\| \`${variable}\` \\| ${setting} \\|`));
    }
  });
});
