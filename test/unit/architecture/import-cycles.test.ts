/**
 * No import cycles in electron/, renderer/ and shared/ — runtime or type-only. A runtime cycle
 * makes load order decide whether a binding is initialised; a type cycle means two modules
 * can only be understood together. The graph is read with the TypeScript parser (see
 * test/helpers/import-graph.ts), so this stays fast.
 */
import { writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { importCycles, importGraph } from '../../helpers/import-graph'
import { tempDir } from '../../helpers/temp-dir'

const ROOT = resolve(__dirname, '../../..')
const cleanups: (() => Promise<void>)[] = []
afterAll(async () => {
  for (const c of cleanups) await c()
})

describe('import graph', () => {
  it('has no cycles in electron/, renderer/ or shared/', () => {
    const edges = importGraph(ROOT, ['electron', 'renderer', 'shared'])
    expect(edges.length).toBeGreaterThan(100)
    expect(importCycles(edges)).toEqual([])
  })

  it('finds a type-only cycle, and leaves it out when asked for runtime cycles only', async () => {
    const t = await tempDir('hooklens-cycles-')
    cleanups.push(t.cleanup)
    await writeFile(join(t.dir, 'a.ts'), "import { b } from './b'\nexport const a = b + 1\n")
    await writeFile(join(t.dir, 'b.ts'), "import type { A } from './c'\nexport const b: A = 1\n")
    await writeFile(join(t.dir, 'c.ts'), "export { type a as A } from './a'\nexport type X = 1\n")
    await writeFile(join(t.dir, 'd.ts'), "export * from './a'\n")
    const edges = importGraph(t.dir, ['.'])
    expect(importCycles(edges)).toEqual([['a.ts', 'b.ts', 'c.ts']])
    expect(importCycles(edges, true)).toEqual([])
  })

  it('finds a runtime cycle through an index re-export', async () => {
    const t = await tempDir('hooklens-cycles-')
    cleanups.push(t.cleanup)
    await writeFile(join(t.dir, 'index.ts'), "export { api } from './api'\nexport const x = 1\n")
    await writeFile(join(t.dir, 'api.ts'), "import { x } from './index'\nexport const api = x\n")
    const edges = importGraph(t.dir, ['.'])
    expect(importCycles(edges, true)).toEqual([['api.ts', 'index.ts']])
  })
})
