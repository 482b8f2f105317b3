/**
 * The log writer's group commit on real files: lines queued together go out in one batch and
 * each learns its own place (with and without fsync), a batch never spans a roll, and a batch
 * whose segment cannot be opened fails all of its lines while later appends work again.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { readFile, rm, writeFile } from 'node:fs/promises'
import { LogWriter } from '../../../electron/core/store/log-writer'
import { segmentFile } from '../../../electron/core/store/segments'
import { tempDir } from '../../helpers/temp-dir'

let dir: string
let cleanup: () => Promise<void>
beforeEach(async () => ({ dir, cleanup } = await tempDir()))
afterEach(() => cleanup())

const line = (i: number) => Buffer.from(`{"n":${i},"pad":"${'x'.repeat(i % 7)}"}\n`)

function writer(fsync: boolean, rollLines = 1000) {
  const rolls: [number, number][] = []
  const w = LogWriter.open(
    {
      dir,
      fsync,
      rollBytes: 1 << 30,
      rollLines,
      onRoll: (seq, sealed) => rolls.push([seq, sealed.seq]),
    },
    1,
    0,
    0,
  )
  return { w, rolls }
}

describe('LogWriter', () => {
  for (const fsync of [false, true]) {
    it(`places every concurrent line where it is in the file (fsync ${fsync})`, async () => {
      const { w, rolls } = writer(fsync, 25)
      const lines = Array.from({ length: 100 }, (_, i) => line(i))
      // Parts as the store hands them: split, with an empty one.
      // In waves of 10 concurrent lines: several batches, and rolls between them.
      const at: { seq: number; offset: number }[] = []
      for (let wave = 0; wave < lines.length; wave += 10) {
        const some = lines.slice(wave, wave + 10)
        const split = (l: Buffer) => [l.subarray(0, 4), Buffer.alloc(0), l.subarray(4)]
        at.push(...(await Promise.all(some.map((l, i) => w.append(i % 3 ? l : split(l))))))
      }
      await w.close()
      for (let i = 0; i < lines.length; i++) {
        const file = await readFile(segmentFile(dir, at[i].seq))
        expect(file.subarray(at[i].offset, at[i].offset + lines[i].length).equals(lines[i])).toBe(
          true,
        )
      }
      // Rolled between batches only: each segment starts with a line and holds whole lines.
      expect(rolls.length).toBeGreaterThan(0)
      for (const [seq] of rolls)
        expect((await readFile(segmentFile(dir, seq), 'utf8'))[0]).toBe('{')
    })
  }

  it('fails every line of a batch whose segment cannot be opened, then works again', async () => {
    const { w } = writer(false, 2)
    await Promise.all([w.append(line(1)), w.append(line(2))])
    await writeFile(segmentFile(dir, 2), 'in the way') // the roll's 'wx' open fails
    const failed = await Promise.allSettled([w.append(line(3)), w.append(line(4))])
    expect(failed.map((r) => r.status)).toEqual(['rejected', 'rejected'])
    await rm(segmentFile(dir, 2))
    const at = await w.append(line(5))
    expect(at).toEqual({ seq: 2, offset: 0 })
    await w.close()
    expect(await readFile(segmentFile(dir, 2), 'utf8')).toBe(line(5).toString())
  })
})
