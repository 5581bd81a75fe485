import { moduleBoundaries } from './module-boundaries.mjs';
import { noFolderCycle } from './no-folder-cycle.mjs';

/** This repository's own lint rules (eslint.config.mjs registers them as `identity/…`). */
export default {
  meta: { name: 'identity' },
  rules: { 'module-boundaries': moduleBoundaries, 'no-folder-cycle': noFolderCycle },
};
