// @ts-check
// A correction to transpileDeclaration's output: the stand-ins it writes for class members named by a
// well-known symbol its bare library lacks.
import { ts } from "./typescript.mjs";

/**
 * A declaration transformer (for transpileDeclaration's `afterDeclarations`) that takes out of each class
 * the properties the emitter made up, next to a member of the source, for a computed name it could not
 * type. transpileDeclaration checks each file against a bare library in which `Symbol.asyncIterator` (or
 * `Symbol.iterator`) is unknown, so for `[Symbol.asyncIterator](): AsyncIterator<T>` it also writes
 * `[Symbol.asyncIterator]: () => AsyncIterator<T>;`, a duplicate a program's emit (which knows the symbol)
 * does not have. A made-up member is one with no source node; members from the source are all kept.
 * @type {import("typescript").TransformerFactory<import("typescript").SourceFile | import("typescript").Bundle>}
 */
export const withoutStandIns = (context) => {
  const printer = ts.createPrinter({ removeComments: true });
  /** @param {import("typescript").Node} name @param {import("typescript").SourceFile} file */
  const nameText = (name, file) => printer.printNode(ts.EmitHint.Unspecified, name, file);
  return (root) => {
    if (!ts.isSourceFile(root)) return root;
    /** @type {import("typescript").Visitor} */
    const visit = (node) => {
      if (ts.isClassDeclaration(node)) {
        const fromSource = new Set(
          node.members.flatMap((m) => (m.name && ts.getParseTreeNode(m) ? [nameText(m.name, root)] : [])),
        );
        const madeUp = (/** @type {import("typescript").ClassElement} */ m) =>
          ts.isPropertyDeclaration(m) &&
          ts.isComputedPropertyName(m.name) &&
          !ts.getParseTreeNode(m) &&
          fromSource.has(nameText(m.name, root));
        if (!node.members.some(madeUp)) return node;
        return context.factory.updateClassDeclaration(
          node,
          node.modifiers,
          node.name,
          node.typeParameters,
          node.heritageClauses,
          node.members.filter((m) => !madeUp(m)),
        );
      }
      return ts.isModuleDeclaration(node) || ts.isModuleBlock(node) ? ts.visitEachChild(node, visit, context) : node;
    };
    return ts.visitEachChild(root, visit, context);
  };
};
