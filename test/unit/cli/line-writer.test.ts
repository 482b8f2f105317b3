/**
 * listen's stdout writer: lines printed in one turn of the event loop go out in one write, in
 * order, each with its newline, whether a line is text or bytes (a stored --json line).
 */
import { describe, expect, it } from 'vitest'
import { Writable } from 'node:stream'
import { batchedLineWriter } from '../../../electron/cli/line-writer'

function collector() {
  const writes: Buffer[] = []
  const stream = new Writable({
    write(chunk: Buffer | string, _enc, done) {
      writes.push(Buffer.from(chunk))
      done()
    },
  })
  return { stream, writes }
}

const nextTurn = () => new Promise((r) => setImmediate(r))

describe('batchedLineWriter', () => {
  it('writes a turn of text lines once, joined by newlines', async () => {
    const { stream, writes } = collector()
    const print = batchedLineWriter(stream)
    print('one')
    print('twö')
    await nextTurn()
    await nextTurn()
    expect(writes.map(String)).toEqual(['one\ntwö\n'])
  })

  it('writes text and byte lines of one turn once, in order, each with its newline', async () => {
    const { stream, writes } = collector()
    const print = batchedLineWriter(stream)
    print('first é')
    print(Buffer.from('{"id":"b"}'))
    print('third')
    await nextTurn()
    await nextTurn()
    print(Buffer.from('{"id":"next"}'))
    await nextTurn()
    await nextTurn()
    expect(writes.map(String)).toEqual(['first é\n{"id":"b"}\nthird\n', '{"id":"next"}\n'])
  })
})
