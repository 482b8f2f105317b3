import { describe, expect, it } from 'vitest'
import { resolve } from 'node:path'
import { existsSync } from 'node:fs'
import type { Configuration } from 'app-builder-lib'

const ROOT = resolve(import.meta.dirname, '../../..')

async function builderConfig(): Promise<Configuration> {
  // electron-builder's own loader and JSON-schema validation, as `npm run dist` runs them.
  const { getConfig, validateConfiguration } =
    await import('app-builder-lib/out/util/config/config.js')
  const { DebugLogger } = await import('builder-util')
  const config = await getConfig(ROOT, 'electron-builder.yml', null)
  await validateConfiguration(config, new DebugLogger(false))
  return config
}

const targets = (t: unknown) =>
  (Array.isArray(t) ? t : [t]).map((x) =>
    typeof x === 'string' ? x : (x as { target: string }).target,
  )

describe('electron-builder.yml', () => {
  it('passes electron-builder validation and sets the fuses of the issue', async () => {
    const c = await builderConfig()
    expect(c.electronFuses).toMatchObject({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    })
    expect(c.asar).toBe(true)
  })

  it('targets Linux AppImage + deb, macOS dmg, Windows nsis, with our icons', async () => {
    const c = await builderConfig()
    expect(targets(c.linux!.target)).toEqual(['AppImage', 'deb'])
    expect(targets(c.mac!.target)).toEqual(['dmg'])
    expect(targets(c.win!.target)).toEqual(['nsis'])
    for (const icon of [c.linux!.icon, c.mac!.icon, c.win!.icon]) {
      expect(existsSync(resolve(ROOT, icon as string)), String(icon)).toBe(true)
    }
    // Tray icons (incl. macOS Template ones) ship beside the asar, where tray-icons.ts looks.
    expect(c.extraResources).toEqual([{ from: 'resources/tray', to: 'tray', filter: ['*.png'] }])
    expect(JSON.stringify(c.files)).toContain('out/**')
  })
})

describe('electron.vite.config.ts', () => {
  it('builds main as ESM, the preload as one CommonJS file, the renderer like renderer/vite.config.ts', async () => {
    const { resolveConfig } = await import('electron-vite')
    const r = await resolveConfig(
      { configFile: resolve(ROOT, 'electron.vite.config.ts'), root: ROOT, logLevel: 'silent' },
      'build',
      'production',
    )
    const { main, preload, renderer } = r.config!
    const mainBuild = main!.build!
    expect(mainBuild.outDir).toBe(resolve(ROOT, 'out/main'))
    expect((mainBuild.lib as { formats: string[] }).formats).toEqual(['es'])
    const preloadBuild = preload!.build!
    expect(preloadBuild.outDir).toBe(resolve(ROOT, 'out/preload'))
    expect((preloadBuild.lib as { formats: string[] }).formats).toEqual(['cjs'])
    expect(preloadBuild.externalizeDeps).toBe(false)
    const rendererVite = (await import('../../../renderer/vite.config')).default as {
      base: string
      build: { outDir: string }
    }
    expect(renderer!.root).toBe(resolve(ROOT, 'renderer'))
    expect(renderer!.build!.outDir).toBe(rendererVite.build.outDir)
    expect(renderer!.base).toBe(rendererVite.base)
  })
})
