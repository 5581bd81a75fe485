import { folderEdges, findPath, folderOf, importedFolders, isSpec, repoPath, rootGraph } from './folder-graph.mjs';
import { importNodeVisitors, resolveRelative } from './import-sources.mjs';

/**
 * The folders of one app or library form a graph by their imports; it must have no cycle. An import
 * from folder A into folder B is reported when B already reaches A (directly or through others).
 * File-level cycles are import-x/no-cycle's; this one sees `graphql -> account -> graphql` even when
 * no single file imports itself back.
 */
export const noFolderCycle = {
  meta: {
    type: 'problem',
    docs: { description: 'no import cycles between the folders of an app or library' },
    schema: [],
    messages: {
      folderCycle: 'Folder import cycle in {{root}}: {{cycle}}. Move the shared piece into a leaf folder or a library.',
    },
  },
  create(context) {
    const cwd = context.cwd;
    const file = repoPath(cwd, context.filename);
    const own = folderOf(file);
    if (!own || isSpec(file)) return {};
    const text = context.sourceCode.text;
    let graph = null;
    return importNodeVisitors((source) => {
      const target = resolveRelative(cwd, context.filename, source.value);
      const to = target && folderOf(target);
      if (!to || to.root !== own.root || to.folder === own.folder) return;
      graph ??= folderEdges(rootGraph(cwd, own.root), file, importedFolders(cwd, file, text));
      const back = findPath(graph, to.folder, own.folder);
      if (back) {
        context.report({ node: source, messageId: 'folderCycle', data: { root: own.root, cycle: [own.folder, ...back].join(' -> ') } });
      }
    });
  },
};
