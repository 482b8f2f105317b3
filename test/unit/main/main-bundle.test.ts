/**
 * The built main bundle, as `electron-vite build` makes it: everything it leaves as an import
 * must exist in the packaged app — Electron, Node built-ins, or a package.json `dependency`
 * (electron-builder ships those, not devDependencies such as electron-store, which is bundled).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { builtinModules } from 'node:module'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { buildElectronTarget, ROOT, type TargetBuild } from '../../helpers/electron-vite-build'

let built: TargetBuild
let code: string

beforeAll(async () => {
  built = await buildElectronTarget('main', 'hooklens-main-bundle-')
  code = readFileSync(join(built.outDir, 'main', 'index.js'), 'utf8')
}, 120_000)
afterAll(() => built?.cleanup())

function bareImports(source: string): string[] {
  const found = new Set<string>()
  for (const m of source.matchAll(/^import\s[^'"]*['"]([^'"]+)['"]/gm)) found.add(m[1])
  for (const m of source.matchAll(/\brequire\(\s*['"]([^'"]+)['"]\s*\)/g)) found.add(m[1])
  for (const m of source.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) found.add(m[1])
  return [...found].filter((s) => !s.startsWith('.') && !s.startsWith('/'))
}

const packageName = (spec: string) =>
  spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]

describe('built main bundle', () => {
  it('is one ESM file whose imports all ship with the app', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>
    }
    const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]))
    const imports = bareImports(code)
    expect(imports).toContain('electron')
    const missing = imports.filter(
      (s) => s !== 'electron' && !builtins.has(s) && !(packageName(s) in pkg.dependencies),
    )
    expect(missing).toEqual([])
    // electron-store is a devDependency: it must be inside the bundle, not imported.
    expect(imports.some((s) => s.startsWith('electron-store'))).toBe(false)
    expect(code).toContain('hooklens:push')
  })
})
