// A peer for the capture bench: mockttp (the engine of HTTP Toolkit) answering 200 to every
// request and recording each one in memory (its rules keep every request they saw), in its own
// process like the other servers.
import { getLocal } from 'mockttp'

const server = getLocal({ recordTraffic: true })
await server.start()
await server.forAnyRequest().thenReply(200, '{"ok":true}', { 'content-type': 'application/json' })
process.stderr.write(`receiving on http://127.0.0.1:${server.port}\n`)
process.on('SIGTERM', () => void server.stop().then(() => process.exit(0)))
