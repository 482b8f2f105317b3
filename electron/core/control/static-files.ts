/**
 * Serves the built inspector (out/renderer) with a strict Content-Security-Policy on the HTML:
 * scripts and styles only from this origin, no inline script, no plugins, no framing.
 */
import { readFile, stat } from 'node:fs/promises'
import { extname, join, normalize, sep } from 'node:path'
import type { FastifyReply } from 'fastify'
import { INSPECTOR_CSP } from '../../../shared/csp'

export const CSP = INSPECTOR_CSP

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
}

/** Resolves a URL path inside `root`, refusing anything that climbs out of it. */
export function resolveStatic(root: string, urlPath: string): string | null {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0])
  } catch {
    return null
  }
  if (decoded.includes('\0')) return null
  const rel = normalize(decoded === '/' ? '/index.html' : decoded).replace(/^([/\\])+/, '')
  const full = join(root, rel)
  if (full !== root && !full.startsWith(root.endsWith(sep) ? root : root + sep)) return null
  return full
}

export async function sendStatic(reply: FastifyReply, root: string, urlPath: string) {
  const file = resolveStatic(root, urlPath)
  const info = file ? await stat(file).catch(() => null) : null
  if (!file || !info?.isFile()) {
    return reply.code(404).type('text/plain; charset=utf-8').send('not found')
  }
  const type = TYPES[extname(file)] ?? 'application/octet-stream'
  reply.header('content-type', type)
  if (type.startsWith('text/html')) {
    reply.header('content-security-policy', CSP)
    reply.header('cache-control', 'no-store')
  } else {
    reply.header('cache-control', 'no-cache')
  }
  return reply.send(await readFile(file))
}
