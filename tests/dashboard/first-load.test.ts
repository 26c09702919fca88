// The dashboard's first-load JavaScript stays under budget only if recharts (about 118 kB gzipped
// with its dependencies) is not in it: the charts' drawings are loaded with next/dynamic after
// hydration. This walks the static imports from the page and its layouts, as the bundler does, and
// fails if any of them reaches recharts. Type-only imports do not count; import() is not followed.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const ENTRIES = ["app/layout.tsx", "app/(app)/layout.tsx", "app/(app)/page.tsx"];

function resolveLocal(from: string, specifier: string): string | null {
  const base = specifier.startsWith("@/") ? path.join(ROOT, specifier.slice(2)) : specifier.startsWith(".") ? path.resolve(path.dirname(from), specifier) : null;
  if (!base) return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts"), path.join(base, "index.tsx")]) {
    if (existsSync(candidate) && /\.tsx?$/.test(candidate)) return candidate;
  }
  return null;
}

/** The value imports of a module (static), and the modules it loads with import(). */
function importsOf(file: string): { statics: string[]; dynamics: string[] } {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true, file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const statics: string[] = [];
  const dynamics: string[] = [];
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      const clause = statement.importClause;
      const typeOnly =
        clause?.isTypeOnly ||
        (clause && !clause.name && clause.namedBindings && ts.isNamedImports(clause.namedBindings) && clause.namedBindings.elements.length > 0 && clause.namedBindings.elements.every((e) => e.isTypeOnly));
      if (!typeOnly) statics.push(statement.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier) && !statement.isTypeOnly) {
      statics.push(statement.moduleSpecifier.text);
    }
  }
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
      dynamics.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { statics, dynamics };
}

function staticGraph(entries: string[]) {
  const seen = new Set<string>();
  const packages = new Map<string, string[]>();
  const lazy = new Set<string>();
  const queue = entries.map((e) => path.join(ROOT, e));
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const { statics, dynamics } = importsOf(file);
    for (const specifier of statics) {
      const local = resolveLocal(file, specifier);
      if (local) queue.push(local);
      else if (!specifier.startsWith(".") && !specifier.startsWith("@/")) packages.set(specifier, [...(packages.get(specifier) ?? []), path.relative(ROOT, file)]);
    }
    for (const specifier of dynamics) {
      const local = resolveLocal(file, specifier);
      if (local) lazy.add(path.relative(ROOT, local));
    }
  }
  return { files: [...seen].map((f) => path.relative(ROOT, f)), packages, lazy };
}

describe("the dashboard's first load", () => {
  const graph = staticGraph(ENTRIES);

  it("imports nothing statically that reaches recharts", () => {
    const recharts = [...graph.packages].filter(([name]) => name === "recharts" || name.startsWith("recharts/"));
    expect(recharts, `statically imported by ${recharts.flatMap(([, by]) => by).join(", ")}`).toEqual([]);
    expect(graph.files).toContain("components/dashboard/market-charts.tsx");
    expect(graph.files).toContain("components/dashboard/team-charts.tsx");
  });

  it("loads the chart drawings, which do use recharts, with import() only", () => {
    expect([...graph.lazy].sort()).toEqual(expect.arrayContaining(["components/dashboard/market-recharts.tsx", "components/dashboard/team-recharts.tsx"]));
    for (const file of graph.lazy) expect(graph.files, `${file} is also imported statically`).not.toContain(file);
    const drawings = staticGraph(["components/dashboard/market-recharts.tsx", "components/dashboard/team-recharts.tsx"]);
    expect(drawings.packages.has("recharts")).toBe(true);
  });
});
