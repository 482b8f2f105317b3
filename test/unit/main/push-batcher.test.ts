import { describe, expect, it } from 'vitest'
import { PushBatcher } from '../../../electron/main/push-batcher'

function manual() {
  let fn: (() => void) | null = null
  let scheduled = 0
  return {
    setTimer: (f: () => void) => {
      fn = f
      scheduled++
      return scheduled
    },
    clearTimer: () => {
      fn = null
    },
    fire: () => fn?.(),
    get scheduled() {
      return scheduled
    },
  }
}

describe('PushBatcher', () => {
  it('sends a burst as one batch, in order, after one timer', () => {
    const t = manual()
    const sent: number[][] = []
    const b = new PushBatcher<number>({ send: (x) => sent.push(x), ...t })
    for (let i = 0; i < 100; i++) b.push(i)
    expect(t.scheduled).toBe(1)
    expect(sent).toEqual([])
    t.fire()
    expect(sent).toEqual([Array.from({ length: 100 }, (_, i) => i)])
    b.push(100)
    t.fire()
    expect(sent[1]).toEqual([100])
  })

  it('flush sends now; an empty flush sends nothing; dispose drops the queue', () => {
    const t = manual()
    const sent: string[][] = []
    const b = new PushBatcher<string>({ send: (x) => sent.push(x), ...t })
    b.flush()
    expect(sent).toEqual([])
    b.push('a')
    b.flush()
    expect(sent).toEqual([['a']])
    b.push('b')
    b.dispose()
    t.fire()
    expect(sent).toEqual([['a']])
  })
})
