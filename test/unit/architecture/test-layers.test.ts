/**
 * Test layers stay apart: unit and integration tests, and the helpers every layer shares, never
 * import from test/e2e. The e2e folder holds what only browser walkthroughs need; a unit test
 * reaching into it ends up depending on a spawned CLI or Chromium without saying so, and
 * whatever two layers share belongs in test/helpers.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { importGraph, type ImportEdge } from '../../helpers/import-graph'
import { tempDir } from '../../helpers/temp-dir'

const ROOT = resolve(__dirname, '../../..')
const LOWER_LAYERS = ['test/unit', 'test/integration', 'test/helpers']

/** Imports from a lower layer into test/e2e, as "from -> to". */
function intoE2e(edges: ImportEdge[]): string[] {
  return edges.filter((e) => e.to.startsWith('test/e2e/')).map((e) => `${e.from} -> ${e.to}`)
}

const cleanups: (() => Promise<void>)[] = []
afterAll(async () => {
  for (const c of cleanups) await c()
})

describe('test layers', () => {
  it('unit tests, integration tests and test/helpers import nothing from test/e2e', () => {
    const edges = importGraph(ROOT, LOWER_LAYERS)
    expect(edges.length).toBeGreaterThan(50)
    expect(intoE2e(edges)).toEqual([])
  })

  it('catches a unit test that imports from test/e2e, type-only or through a re-export', async () => {
    const t = await tempDir('hooklens-layers-')
    cleanups.push(t.cleanup)
    for (const d of ['test/unit/x', 'test/integration', 'test/e2e/support', 'test/helpers']) {
      await mkdir(join(t.dir, d), { recursive: true })
    }
    await writeFile(join(t.dir, 'test/e2e/support/fake.ts'), 'export const fake = 1\n')
    await writeFile(
      join(t.dir, 'test/unit/x/a.test.ts'),
      "import type { fake } from '../../e2e/support/fake'\nexport type F = typeof fake\n",
    )
    await writeFile(join(t.dir, 'test/helpers/h.ts'), "export * from '../e2e/support/fake'\n")
    await writeFile(join(t.dir, 'test/unit/x/ok.test.ts'), "import '../../helpers/h'\n")
    expect(intoE2e(importGraph(t.dir, LOWER_LAYERS)).sort()).toEqual([
      'test/helpers/h.ts -> test/e2e/support/fake.ts',
      'test/unit/x/a.test.ts -> test/e2e/support/fake.ts',
    ])
  })
})
