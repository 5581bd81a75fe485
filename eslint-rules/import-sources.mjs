import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/** Every module specifier in a source text: import/export … from, bare import, import(), require(). */
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\(\s*)['"]([^'"\n]+)['"]/g;

export function specifiersIn(text) {
  return [...text.matchAll(SPECIFIER)].map((match) => match[1]);
}

/** The repository-relative file a relative specifier names (`x.ts`, `x/index.ts`), or null. */
export function resolveRelative(cwd, importerFile, specifier) {
  if (!specifier.startsWith('.')) return null;
  const base = resolve(dirname(importerFile), specifier);
  for (const candidate of [`${base}.ts`, join(base, 'index.ts'), base]) {
    if (candidate.endsWith('.ts') && existsSync(candidate)) return toPosix(relative(cwd, candidate));
  }
  return toPosix(relative(cwd, base));
}

export const toPosix = (path) => path.split(sep).join('/');

/** `apps/<name>` or `libs/<name>` and the path below its `src/`, for a repository-relative path. */
export function projectOf(path) {
  const match = /^(apps|libs)\/([^/]+)\/(?:src\/)?(.*)$/.exec(path);
  return match ? { kind: match[1], name: match[2], root: `${match[1]}/${match[2]}/src`, inner: match[3] } : null;
}

/** The source nodes of a file's imports, exports-from, dynamic imports and require() calls. */
export function importNodeVisitors(check) {
  const literal = (node) => (node && node.type === 'Literal' && typeof node.value === 'string' ? node : null);
  const visit = (node) => {
    const source = literal(node.source);
    if (source) check(source);
  };
  return {
    ImportDeclaration: visit,
    ExportNamedDeclaration: visit,
    ExportAllDeclaration: visit,
    ImportExpression: visit,
    CallExpression(node) {
      if (node.callee.type === 'Identifier' && node.callee.name === 'require') {
        const source = literal(node.arguments[0]);
        if (source) check(source);
      }
    },
  };
}
