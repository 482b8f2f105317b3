/**
 * The static import graph of the project's TypeScript, read with the compiler's parser (no
 * type check, so it is fast), and its cycles. Edges are `import … from` and `export … from`
 * of relative paths; an edge is type-only when the statement is `import type` / `export type`
 * or every name in it is `type`. Dynamic `import()` is left out: it loads lazily, after both
 * modules are initialised, so it cannot make a load-order cycle.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import ts from 'typescript'

export interface ImportEdge {
  from: string
  to: string
  typeOnly: boolean
}

const EXTENSIONS = ['.ts', '.tsx']

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue
    const path = join(dir, name)
    if (statSync(path).isDirectory()) sourceFiles(path, out)
    else if (EXTENSIONS.some((e) => name.endsWith(e)) && !name.endsWith('.d.ts')) out.push(path)
  }
  return out
}

function resolveImport(fromFile: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null
  const base = resolve(dirname(fromFile), spec.replace(/\.js$/, ''))
  const candidates = [
    base,
    ...EXTENSIONS.map((e) => base + e),
    ...EXTENSIONS.map((e) => join(base, 'index' + e)),
  ]
  return candidates.find((c) => existsSync(c) && statSync(c).isFile()) ?? null
}

function isTypeOnly(node: ts.ImportDeclaration | ts.ExportDeclaration): boolean {
  if (ts.isImportDeclaration(node)) {
    const clause = node.importClause
    if (!clause) return false // `import './x'` runs x
    if (clause.isTypeOnly) return true
    if (clause.name) return false
    const bindings = clause.namedBindings
    return (
      !!bindings &&
      ts.isNamedImports(bindings) &&
      bindings.elements.length > 0 &&
      bindings.elements.every((e) => e.isTypeOnly)
    )
  }
  if (node.isTypeOnly) return true
  const clause = node.exportClause
  return (
    !!clause &&
    ts.isNamedExports(clause) &&
    clause.elements.length > 0 &&
    clause.elements.every((e) => e.isTypeOnly)
  )
}

/** Every relative import edge among the .ts/.tsx files under `dirs` (paths relative to root). */
export function importGraph(root: string, dirs: string[]): ImportEdge[] {
  const edges: ImportEdge[] = []
  for (const file of dirs.flatMap((d) => sourceFiles(join(root, d)))) {
    const text = readFileSync(file, 'utf8')
    const src = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false)
    for (const st of src.statements) {
      if (!ts.isImportDeclaration(st) && !ts.isExportDeclaration(st)) continue
      const spec = st.moduleSpecifier
      if (!spec || !ts.isStringLiteral(spec)) continue
      const to = resolveImport(file, spec.text)
      if (!to) continue
      edges.push({ from: relative(root, file), to: relative(root, to), typeOnly: isTypeOnly(st) })
    }
  }
  return edges
}

/**
 * The strongly connected components with more than one module (Tarjan), each as a list of
 * files: every one is an import cycle. `runtimeOnly` ignores type-only edges.
 */
export function importCycles(edges: ImportEdge[], runtimeOnly = false): string[][] {
  const next = new Map<string, string[]>()
  for (const e of edges) {
    if (runtimeOnly && e.typeOnly) continue
    if (!next.has(e.from)) next.set(e.from, [])
    if (!next.has(e.to)) next.set(e.to, [])
    next.get(e.from)!.push(e.to)
  }
  let counter = 0
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const cycles: string[][] = []
  // Iterative, so a long import chain cannot overflow the stack.
  for (const start of next.keys()) {
    if (index.has(start)) continue
    const work: [string, number][] = [[start, 0]]
    while (work.length) {
      const frame = work[work.length - 1]
      const [v, i] = frame
      if (i === 0) {
        index.set(v, counter)
        low.set(v, counter++)
        stack.push(v)
        onStack.add(v)
      }
      const succ = next.get(v)!
      if (i < succ.length) {
        frame[1]++
        const w = succ[i]
        if (!index.has(w)) work.push([w, 0])
        else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!))
        continue
      }
      work.pop()
      if (work.length) {
        const parent = work[work.length - 1][0]
        low.set(parent, Math.min(low.get(parent)!, low.get(v)!))
      }
      if (low.get(v) === index.get(v)) {
        const scc: string[] = []
        let w: string
        do {
          w = stack.pop()!
          onStack.delete(w)
          scc.push(w)
        } while (w !== v)
        if (scc.length > 1) cycles.push(scc.sort())
      }
    }
  }
  return cycles
}
