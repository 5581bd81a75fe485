import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EVENT_REGISTRIES } from './event-registries';

describe('docs/event-catalogue.md', () => {
  const catalogue = readFileSync(join(__dirname, '../../../../docs/event-catalogue.md'), 'utf8');

  it('has a row for every event type of every stream category', () => {
    const types = Object.values(EVENT_REGISTRIES).flatMap((registry) => Object.keys(registry));
    const missing = types.filter((type) => !new RegExp(`^\\| [^|]*\`${type}\``, 'm').test(catalogue));
    expect(missing).toEqual([]);
  });

  it('names the stream of every category', () => {
    const missing = Object.keys(EVENT_REGISTRIES).filter((category) => !catalogue.includes(`| \`${category}-<`));
    expect(missing).toEqual([]);
  });
});
