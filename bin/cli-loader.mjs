/**
 * Finds the CLI to run for bin/hooklens.mjs: the bundle recorded in the cache's stamp when
 * every source it was built from is unchanged (one stat per source file, no hashing), else a
 * fresh build (bin/cli-build.mjs, esbuild; also when the recorded bundle fails to load), else
 * (no esbuild, unwritable cache, build error) the TypeScript sources through tsx, with one
 * line on stderr saying why.
 *
 * Environment: HOOKLENS_CLI_CACHE moves the cache (default <root>/out/cli);
 * HOOKLENS_CLI_FROM_SOURCE=1 skips the bundle (tsx, original stack traces);
 * HOOKLENS_CLI_DEBUG=1 says on stderr which one ran.
 */
import { readFileSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'

/** Bump when the build options change, so bundles built the old way are rebuilt. */
export const RECIPE = 1

export function cliPaths(root, env = process.env) {
  const cacheDir = env.HOOKLENS_CLI_CACHE
    ? resolve(env.HOOKLENS_CLI_CACHE)
    : join(root, 'out', 'cli')
  return {
    root,
    entry: join(root, 'electron', 'cli', 'main.ts'),
    cacheDir,
    stampFile: join(cacheDir, 'current.json'),
  }
}

/**
 * The entry file of the build the stamp names if it is still current: same recipe, same
 * project folder, and every source file with the modification time and size it had when the
 * build read it. Null otherwise (no stamp, a file changed, added to or removed from the graph).
 */
export function currentBuild(paths) {
  let stamp
  try {
    stamp = JSON.parse(readFileSync(paths.stampFile, 'utf8'))
  } catch {
    return null
  }
  if (stamp?.recipe !== RECIPE || stamp.root !== paths.root || !Array.isArray(stamp.inputs)) {
    return null
  }
  for (const [file, mtimeMs, size] of stamp.inputs) {
    let info
    try {
      info = statSync(join(paths.root, file))
    } catch {
      return null
    }
    if (info.mtimeMs !== mtimeMs || info.size !== size) return null
  }
  return join(paths.cacheDir, stamp.dir, 'main.mjs')
}

/** The CLI module ({ main }) for the project at `root`. */
export async function loadCli(
  root,
  env = process.env,
  log = (line) => process.stderr.write(`${line}\n`),
) {
  const paths = cliPaths(root, env)
  const debug = env.HOOKLENS_CLI_DEBUG === '1' ? log : () => {}
  if (env.HOOKLENS_CLI_FROM_SOURCE === '1') {
    debug('hooklens: cli from source (HOOKLENS_CLI_FROM_SOURCE=1)')
    return fromSource(paths)
  }
  const current = currentBuild(paths)
  if (current) {
    try {
      const cli = await import(pathToFileURL(current).href)
      debug(`hooklens: cli from bundle ${current}`)
      return cli
    } catch (err) {
      // Deleted under us, or broken: build it again rather than fall back for good.
      log(`hooklens: could not load ${current} (${reason(err)}); building it again`)
    }
  }
  const started = performance.now()
  let file
  try {
    const { buildCli } = await import('./cli-build.mjs')
    file = await buildCli(paths)
  } catch (err) {
    log(
      `hooklens: could not build the command line (${reason(err)}); running it from the TypeScript sources, which starts slower`,
    )
    return fromSource(paths)
  }
  debug(`hooklens: cli built in ${Math.round(performance.now() - started)} ms: ${file}`)
  try {
    return await import(pathToFileURL(file).href)
  } catch (err) {
    log(`hooklens: could not load ${file} (${reason(err)}); running from the TypeScript sources`)
    return fromSource(paths)
  }
}

async function fromSource(paths) {
  const { register } = await import('tsx/esm/api')
  register()
  return import(pathToFileURL(paths.entry).href)
}

function reason(err) {
  const message = err instanceof Error ? err.message : String(err)
  return message.split('\n')[0]
}
