/**
 * Makes sure the browser inspector is built: `npm install` runs no scripts, so the first
 * `hooklens listen` (or test run) builds renderer/ into out/renderer with vite's JS API and
 * later runs reuse it until a renderer source is newer than the build. A lock directory keeps
 * parallel test workers from building into the same folder at once.
 */
import { mkdir, readdir, rm, stat } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..')
export const RENDERER_OUT = join(REPO_ROOT, 'out', 'renderer')

const SOURCES = [join(REPO_ROOT, 'renderer'), join(REPO_ROOT, 'shared')]
const LOCK = join(REPO_ROOT, 'out', '.renderer-build.lock')
const STALE_LOCK_MS = 5 * 60_000

async function newestMtime(path: string): Promise<number> {
  const info = await stat(path).catch(() => null)
  if (!info) return 0
  if (!info.isDirectory()) return info.mtimeMs
  let newest = 0
  for (const entry of await readdir(path)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue
    newest = Math.max(newest, await newestMtime(join(path, entry)))
  }
  return newest
}

async function isFresh(): Promise<boolean> {
  const built = await stat(join(RENDERER_OUT, 'index.html')).catch(() => null)
  if (!built) return false
  const sources = Math.max(...(await Promise.all(SOURCES.map(newestMtime))))
  return built.mtimeMs >= sources
}

async function acquireLock(): Promise<boolean> {
  await mkdir(dirname(LOCK), { recursive: true })
  try {
    await mkdir(LOCK)
    return true
  } catch {
    const info = await stat(LOCK).catch(() => null)
    if (info && Date.now() - info.mtimeMs > STALE_LOCK_MS) {
      await rm(LOCK, { recursive: true, force: true })
      return acquireLock()
    }
    return false
  }
}

/** Returns the directory to serve (out/renderer), building it first when needed. */
export async function ensureRendererBuilt(
  log: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
): Promise<string> {
  for (;;) {
    if (await isFresh()) return RENDERER_OUT
    if (await acquireLock()) break
    await new Promise((r) => setTimeout(r, 200))
  }
  try {
    if (await isFresh()) return RENDERER_OUT
    let build: typeof import('vite').build
    try {
      ;({ build } = await import('vite'))
    } catch (err) {
      // An install without dev dependencies cannot build; an older build still beats none.
      if (await stat(join(RENDERER_OUT, 'index.html')).catch(() => null)) return RENDERER_OUT
      throw new Error(
        `the inspector UI is not built and vite is missing (${(err as Error).message})`,
      )
    }
    log('hooklens: building the inspector UI…')
    // Vite derives "production" from NODE_ENV, which a test runner sets to 'test': without
    // this the bundle would be React's development build (twice the size, much slower).
    const nodeEnv = process.env.NODE_ENV
    process.env.NODE_ENV = 'production'
    try {
      await build({
        configFile: join(REPO_ROOT, 'renderer', 'vite.config.ts'),
        logLevel: 'warn',
        mode: 'production',
      })
    } finally {
      if (nodeEnv === undefined) delete process.env.NODE_ENV
      else process.env.NODE_ENV = nodeEnv
    }
    return RENDERER_OUT
  } finally {
    await rm(LOCK, { recursive: true, force: true })
  }
}
