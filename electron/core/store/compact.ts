/**
 * Rewrites the event log without its dead prefix: copies bytes [start, end) to a temporary
 * file, syncs it, and renames it over the log — atomic, so a crash leaves either the old log
 * or the new one. Readers holding the old file keep reading it until they close it.
 */
import { open, rename } from 'node:fs/promises'
import { dirname } from 'node:path'

const COPY_CHUNK = 4 * 1024 * 1024

export async function compactLog(
  file: string,
  start: number,
  end: number,
): Promise<{ file: string; size: number }> {
  const tmp = `${file}.compact-${process.pid}`
  const src = await open(file, 'r')
  const dst = await open(tmp, 'w')
  try {
    const buf = Buffer.allocUnsafe(COPY_CHUNK)
    let pos = start
    while (pos < end) {
      const { bytesRead } = await src.read(buf, 0, Math.min(COPY_CHUNK, end - pos), pos)
      if (bytesRead === 0) break
      await dst.write(buf, 0, bytesRead)
      pos += bytesRead
    }
    await dst.sync()
  } finally {
    await src.close()
    await dst.close()
  }
  await rename(tmp, file)
  await syncDir(dirname(file))
  return { file, size: end - start }
}

async function syncDir(dir: string): Promise<void> {
  try {
    const h = await open(dir, 'r')
    await h.sync().finally(() => h.close())
  } catch {
    // Directory fsync is not supported everywhere (Windows); the rename is still atomic.
  }
}
