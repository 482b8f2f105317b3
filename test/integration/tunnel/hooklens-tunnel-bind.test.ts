import { afterEach, expect, it } from 'vitest'
import { createHooklens, type Hooklens } from '../../../electron/core/hooklens/hooklens'
import { FakeLocaltunnelServer } from '../../helpers/fake-localtunnel-server'
import { makeTempDir, removeTempDir } from '../../helpers/temp-dir'

let h: Hooklens | null = null
let lt: FakeLocaltunnelServer | null = null
let dir = ''

afterEach(async () => {
  await h?.stop()
  await lt?.close()
  await removeTempDir(dir)
})

it('refuses to open a tunnel the localtunnel client could not reach (receiver not on localhost)', async () => {
  dir = await makeTempDir('hooklens-bind-')
  lt = await FakeLocaltunnelServer.start()
  h = await createHooklens({ dataDir: dir, port: 0, host: '127.0.0.2', tunnel: { host: lt.url } })
  await h.start()
  const s = await h.tunnel.start()
  expect(s.state).toBe('offline')
  expect(s.reason).toMatch(
    /listens on 127\.0\.0\.2 only.*bind the receiver to 127\.0\.0\.1 or 0\.0\.0\.0/,
  )
  expect(h.status().tunnel.state).toBe('offline')
  expect(lt.registrations).toBe(0)
})
