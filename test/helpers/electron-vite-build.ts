/**
 * Builds one electron-vite target (main or preload) exactly as `electron-vite build` does, from
 * electron.vite.config.ts, into a fresh temp dir (the real out/ is left alone).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

export const ROOT = resolve(import.meta.dirname, '../..')

export interface TargetBuild {
  /** The temp out dir; the target's files are under `<outDir>/<target>/`. */
  outDir: string
  cleanup: () => void
}

export async function buildElectronTarget(
  target: 'main' | 'preload',
  prefix: string,
): Promise<TargetBuild> {
  const outDir = mkdtempSync(join(tmpdir(), prefix))
  const cleanup = () => rmSync(outDir, { recursive: true, force: true })
  try {
    const { resolveConfig } = await import('electron-vite')
    const { build } = await import('vite')
    const resolved = await resolveConfig(
      {
        configFile: join(ROOT, 'electron.vite.config.ts'),
        root: ROOT,
        build: { outDir },
        logLevel: 'silent',
      },
      'build',
      'production',
    )
    await build(resolved.config![target]!)
  } catch (err) {
    cleanup()
    throw err
  }
  return { outDir, cleanup }
}
