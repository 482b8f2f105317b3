// The baseline for the capture bench: a bare fastify server that reads nothing and answers 200.
import Fastify from 'fastify'

const app = Fastify({ logger: false })
app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body))
app.all('*', async () => ({ ok: true }))
await app.listen({ port: 0, host: '127.0.0.1' })
process.stderr.write(`receiving on http://127.0.0.1:${app.server.address().port}\n`)
