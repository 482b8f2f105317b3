// Preloaded (node --import) into CLI subprocesses in tunnel tests: the fixture tunnel's
// public URLs are http://<id>.localhost:<port>, which glibc does not resolve, so those names
// (only those) go to 127.0.0.1 — the same patch resolveLocalhostSubdomains() makes in-process.
import dns from 'node:dns'

const original = dns.lookup
dns.lookup = function (host, opts, cb) {
  const callback = typeof opts === 'function' ? opts : cb
  const options = typeof opts === 'object' && opts !== null ? opts : {}
  if (typeof host === 'string' && host.toLowerCase().endsWith('.localhost')) {
    if (options.all) process.nextTick(callback, null, [{ address: '127.0.0.1', family: 4 }])
    else process.nextTick(callback, null, '127.0.0.1', 4)
    return
  }
  return original.call(this, host, opts, cb)
}
