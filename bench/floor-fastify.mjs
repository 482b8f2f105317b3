// The floor for the capture bench: bare fastify that also does the least any capture must do
// before it answers — hash the body and append one JSON line per request to a file, with group
// commit — and nothing else (no verification, dedupe, classification, index or retention).
// Hooklens's throughput can approach this, never pass it. `node floor-fastify.mjs FILE`.
import Fastify from 'fastify'
import { hash } from 'node:crypto'
import { openSync, writev } from 'node:fs'

const fd = openSync(process.argv[2], 'a')
let queue = []
let waiting = []
let busy = false
function flush() {
  if (busy || queue.length === 0) return
  busy = true
  const lines = queue
  const done = waiting
  queue = []
  waiting = []
  writev(fd, lines, () => {
    busy = false
    for (const d of done) d()
    flush()
  })
}
function append(line) {
  return new Promise((resolve) => {
    queue.push(line)
    waiting.push(resolve)
    if (queue.length === 1) setImmediate(flush)
  })
}
let n = 0
const app = Fastify({ logger: false })
// Every body as its bytes, JSON included (a capture stores bytes, it does not parse them).
app.removeAllContentTypeParsers()
app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body))
app.all('*', async (req) => {
  const body = req.body
  const headers = []
  const raw = req.raw.rawHeaders
  for (let i = 0; i < raw.length; i += 2) headers.push([raw[i].toLowerCase(), raw[i + 1]])
  const line = JSON.stringify({
    id: `floor${n++}`,
    receivedAt: new Date().toISOString(),
    method: req.method,
    path: req.url,
    headers,
    size: body.length,
    sha256: hash('sha256', body, 'hex'),
    body: body.toString('utf8'),
  })
  await append(Buffer.from(line + '\n'))
  return { ok: true }
})
await app.listen({ port: 0, host: '127.0.0.1' })
process.stderr.write(`receiving on http://127.0.0.1:${app.server.address().port}\n`)
