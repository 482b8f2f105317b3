/** Same-length deadlines on one timer: each fires once after its time, cancelled ones never. */
import { describe, expect, it } from 'vitest'
import { setTimeout as sleep } from 'node:timers/promises'
import { sameLengthDeadlines } from '../../../electron/core/receiver/deadlines'

describe('sameLengthDeadlines', () => {
  it('fires each deadline once, in order, and never a cancelled one', async () => {
    const deadlines = sameLengthDeadlines(40)
    const fired: string[] = []
    const done = new Promise<void>((resolve) => {
      deadlines.add(() => fired.push('a'))
      const cancelB = deadlines.add(() => fired.push('b'))
      setTimeout(() => {
        deadlines.add(() => {
          fired.push('c')
          resolve()
        })
        cancelB()
      }, 10)
    })
    await done
    expect(fired).toEqual(['a', 'c'])
    await sleep(60)
    expect(fired).toEqual(['a', 'c'])
  })

  it('still fires later deadlines when the first one due was cancelled', async () => {
    const deadlines = sameLengthDeadlines(30)
    deadlines.add(() => expect.unreachable('cancelled'))()
    await new Promise<void>((resolve) => setTimeout(() => deadlines.add(resolve), 5))
  })
})
