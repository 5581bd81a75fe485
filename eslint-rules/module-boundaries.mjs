import { relative } from 'node:path';
import { importNodeVisitors, projectOf, resolveRelative, toPosix } from './import-sources.mjs';

/**
 * Apps import libraries only, through their `@identity/…` alias; libraries never import an app. A
 * relative path that climbs into another app, or into a library, is reported where it is written.
 */
export const moduleBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'apps import libs only (by alias); libs never import apps' },
    schema: [],
    messages: {
      appImportsApp: '{{from}} must not import {{to}}: an app imports libraries only (move shared code into libs/).',
      libImportsApp: '{{from}} must not import {{to}}: a library never depends on an app.',
      relativeIntoLib: '{{from}} imports {{to}} by a relative path: import it as @identity/{{lib}}.',
    },
  },
  create(context) {
    const cwd = context.cwd;
    const file = toPosix(relative(cwd, context.filename));
    const from = projectOf(file);
    if (!from) return {};
    const fromName = `${from.kind}/${from.name}`;
    return importNodeVisitors((source) => {
      const target = resolveRelative(cwd, context.filename, source.value);
      const to = target && projectOf(target);
      if (!to || (to.kind === from.kind && to.name === from.name)) return;
      const data = { from: fromName, to: `${to.kind}/${to.name}`, lib: to.name };
      if (to.kind === 'apps') {
        context.report({ node: source, messageId: from.kind === 'apps' ? 'appImportsApp' : 'libImportsApp', data });
      } else {
        context.report({ node: source, messageId: 'relativeIntoLib', data });
      }
    });
  },
};
