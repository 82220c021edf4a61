import { readFileSync } from 'node:fs';
import path from 'node:path';

/** A fresh copy of the form holding every supported component type. */
export const everyComponent = () =>
  JSON.parse(readFileSync(path.join(import.meta.dirname, 'fixtures', 'every-component.json'), 'utf8'));
