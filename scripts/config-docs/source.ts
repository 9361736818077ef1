// The config schema as written in its source files: which object holds which key, and each key's JSDoc.
// The runtime schema says what the options are; only the source still has their comments, so this reads the
// files with TypeScript's own parser and follows the zod calls (z.object, z.array, unions, method chains,
// spreads, imports) just far enough to line each comment up with the runtime schema's keys.
import path from "node:path";
import {
  type CallExpression,
  type Expression,
  getJSDocTags,
  getTextOfJSDocComment,
  isArrayLiteralExpression,
  isCallExpression,
  isIdentifier,
  isImportDeclaration,
  isNamedImports,
  isObjectLiteralExpression,
  isPropertyAccessExpression,
  isPropertyAssignment,
  isSpreadAssignment,
  isStringLiteral,
  isVariableStatement,
  type JSDoc,
  type Node,
  type ObjectLiteralExpression,
  type SourceFile,
  SyntaxKind,
} from "typescript/unstable/ast";
import { API, type Project } from "typescript/unstable/sync";

/** One option's JSDoc: the text before the tags, and the tags this generator reads. */
export interface OptionDoc {
  description: string;
  default?: string;
  example?: string;
}

export interface SourceProperty {
  doc?: OptionDoc;
  value: SourceSchema;
  /** file:line of the key, for messages. */
  where: string;
}

export type SourceSchema =
  | { kind: "object"; properties: Map<string, SourceProperty> }
  | { kind: "array"; element: SourceSchema }
  | { kind: "union"; options: SourceSchema[] }
  | { kind: "other" };

const OTHER: SourceSchema = { kind: "other" };
const oneLine = (text: string | undefined) => (text ?? "").replace(/\s+/g, " ").trim();

function readDoc(node: Node): OptionDoc | undefined {
  const docs = (node.jsDoc ?? []).filter((doc): doc is JSDoc => doc.kind === SyntaxKind.JSDoc);
  const last = docs.at(-1);
  if (!last) return undefined;
  const doc: OptionDoc = { description: oneLine(getTextOfJSDocComment(last.comment)) };
  for (const tag of getJSDocTags(node)) {
    const name = tag.tagName.text;
    if (name === "default" || name === "example") doc[name] = oneLine(getTextOfJSDocComment(tag.comment));
  }
  return doc;
}

/** Reads schema declarations from the project's source files, following imports between them. */
export class SchemaSource {
  private readonly api: API;
  private project: Project | undefined;
  private readonly files = new Map<string, SourceFile>();
  private readonly resolving = new Set<string>();

  constructor(private readonly root: string) {
    this.api = new API({ cwd: root });
  }

  close(): void {
    this.api.close();
  }

  /** The schema that `file` (relative to the root) declares as the top-level const `name`. */
  schema(file: string, name: string): SourceSchema {
    const key = `${file}#${name}`;
    if (this.resolving.has(key)) return OTHER;
    this.resolving.add(key);
    try {
      const initializer = this.declaration(file, name);
      return initializer ? this.expression(file, initializer) : OTHER;
    } finally {
      this.resolving.delete(key);
    }
  }

  private sourceFile(file: string): SourceFile {
    let source = this.files.get(file);
    if (!source) {
      this.project ??= this.api
        .updateSnapshot({ openProject: path.join(this.root, "tsconfig.json") })
        .getProjects()[0];
      source = this.project?.program.getSourceFile(path.join(this.root, file));
      if (!source) throw new Error(`${file}: not part of tsconfig.json's program`);
      this.files.set(file, source);
    }
    return source;
  }

  /** A top-level `const name = ...` in `file`, or where an `import { name } from "./x.js"` leads. */
  private declaration(file: string, name: string): Expression | undefined {
    for (const statement of this.sourceFile(file).statements) {
      if (isVariableStatement(statement)) {
        for (const declaration of statement.declarationList.declarations) {
          if (isIdentifier(declaration.name) && declaration.name.text === name)
            return declaration.initializer;
        }
      }
    }
    return undefined;
  }

  /** The file and exported name an identifier in `file` was imported as, if imported from a relative path. */
  private imported(file: string, name: string): { file: string; name: string } | "zod" | undefined {
    for (const statement of this.sourceFile(file).statements) {
      if (!isImportDeclaration(statement) || !isStringLiteral(statement.moduleSpecifier)) continue;
      const bindings = statement.importClause?.namedBindings;
      if (!bindings || !isNamedImports(bindings)) continue;
      const specifier = bindings.elements.find((element) => element.name.text === name);
      if (!specifier) continue;
      const from = statement.moduleSpecifier.text;
      if (from === "zod") return "zod";
      if (!from.startsWith(".")) return undefined;
      const target = path.join(path.dirname(file), from.replace(/\.js$/, ".ts"));
      const exported = specifier.propertyName;
      return { file: target, name: exported && isIdentifier(exported) ? exported.text : name };
    }
    return undefined;
  }

  private identifier(file: string, name: string): SourceSchema {
    if (this.declaration(file, name)) return this.schema(file, name);
    const from = this.imported(file, name);
    return from && from !== "zod" ? this.schema(from.file, from.name) : OTHER;
  }

  private expression(file: string, node: Expression): SourceSchema {
    if (isIdentifier(node)) return this.identifier(file, node.text);
    if (isObjectLiteralExpression(node)) return this.object(file, node);
    if (isCallExpression(node)) return this.call(file, node);
    return OTHER;
  }

  /** `z.object(...)`, `z.array(...)`, `z.union([...])`; any other method (`.optional()`, `.strict()`...) keeps its receiver's shape. */
  private call(file: string, node: CallExpression): SourceSchema {
    const callee = node.expression;
    if (!isPropertyAccessExpression(callee)) return OTHER;
    const method = callee.name.text;
    const receiver = callee.expression;
    if (!(isIdentifier(receiver) && this.imported(file, receiver.text) === "zod")) {
      return this.expression(file, receiver);
    }
    const [first] = node.arguments;
    if (["object", "strictObject", "looseObject"].includes(method) && first)
      return this.expression(file, first);
    if (method === "array" && first) return { kind: "array", element: this.expression(file, first) };
    if (method === "union" || method === "discriminatedUnion") {
      const list = node.arguments.find(isArrayLiteralExpression);
      return {
        kind: "union",
        options: (list?.elements ?? []).map((element) => this.expression(file, element)),
      };
    }
    return OTHER;
  }

  private object(file: string, node: ObjectLiteralExpression): SourceSchema {
    const properties = new Map<string, SourceProperty>();
    const source = this.sourceFile(file);
    for (const property of node.properties) {
      if (isSpreadAssignment(property)) {
        const spread = this.expression(file, property.expression);
        if (spread.kind === "object")
          for (const [key, value] of spread.properties) properties.set(key, value);
      } else if (
        isPropertyAssignment(property) &&
        (isIdentifier(property.name) || isStringLiteral(property.name))
      ) {
        const line = source.text.slice(0, property.getStart(source)).split("\n").length;
        const doc = readDoc(property);
        properties.set(property.name.text, {
          ...(doc ? { doc } : {}),
          value: this.expression(file, property.initializer),
          where: `${file}:${line}`,
        });
      }
    }
    return { kind: "object", properties };
  }
}
