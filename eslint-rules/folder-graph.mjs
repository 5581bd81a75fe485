import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { projectOf, resolveRelative, specifiersIn, toPosix } from './import-sources.mjs';

/** Spec files import across folders to test them; nothing imports a spec, so they make no cycle. */
export const isSpec = (file) => /\.(e2e-)?spec\.ts$/.test(file);

/**
 * The folder a file belongs to below its app's or library's `src/`. A file at the top is a node of
 * its own (`./index.ts`): a barrel that imports every folder and a leaf they all import are not one.
 */
export function folderOf(path) {
  const project = projectOf(path);
  if (!project) return null;
  const slash = project.inner.indexOf('/');
  return { root: project.root, folder: slash < 0 ? `./${project.inner}` : project.inner.slice(0, slash) };
}

/** The folders a file's text imports from, within its own app or library. */
export function importedFolders(cwd, file, text) {
  const own = folderOf(file);
  const folders = new Set();
  for (const specifier of specifiersIn(text)) {
    const target = resolveRelative(cwd, join(cwd, file), specifier);
    const to = target && folderOf(target);
    if (to && own && to.root === own.root && to.folder !== own.folder) folders.add(to.folder);
  }
  return folders;
}

function sourceFiles(cwd, dir) {
  const entries = readdirSync(join(cwd, dir), { withFileTypes: true });
  return entries.flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sourceFiles(cwd, path);
    return entry.name.endsWith('.ts') && !isSpec(path) ? [path] : [];
  });
}

const cache = new Map();
const FRESH_MS = 5000;

/** Per file of a root (one app's or library's src/), the folders it imports; read from disk, briefly cached. */
export function rootGraph(cwd, root) {
  const key = `${cwd}\0${root}`;
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < FRESH_MS) return hit.edges;
  const edges = new Map();
  for (const file of sourceFiles(cwd, root)) {
    edges.set(file, importedFolders(cwd, file, readFileSync(join(cwd, file), 'utf8')));
  }
  cache.set(key, { at: Date.now(), edges });
  return edges;
}

/** Folder -> folders it imports, from per-file edges, with one file's edges replaced (the text being linted). */
export function folderEdges(fileEdges, file, ownFolders) {
  const graph = new Map();
  const add = (path, folders) => {
    const from = folderOf(path).folder;
    if (!graph.has(from)) graph.set(from, new Set());
    for (const folder of folders) graph.get(from).add(folder);
  };
  for (const [path, folders] of fileEdges) if (path !== file) add(path, folders);
  add(file, ownFolders);
  return graph;
}

/** A path of folders from `start` to `goal` (both included), or null. */
export function findPath(graph, start, goal) {
  const previous = new Map([[start, null]]);
  const queue = [start];
  while (queue.length > 0) {
    const folder = queue.shift();
    if (folder === goal) {
      const path = [];
      for (let at = goal; at !== null; at = previous.get(at)) path.unshift(at);
      return path;
    }
    for (const next of graph.get(folder) ?? []) {
      if (!previous.has(next)) {
        previous.set(next, folder);
        queue.push(next);
      }
    }
  }
  return null;
}

export const repoPath = (cwd, filename) => toPosix(relative(cwd, filename));
