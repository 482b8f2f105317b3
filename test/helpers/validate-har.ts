/**
 * Structural validation of a HAR 1.2 document (the fields the spec marks required, with their
 * types). Returns the list of problems; empty means valid. Used by the export unit tests and
 * the e2e export test.
 */
type Obj = Record<string, unknown>

export function validateHar(doc: unknown): string[] {
  const errors: string[] = []
  const need = (cond: boolean, msg: string) => {
    if (!cond) errors.push(msg)
  }
  const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)
  const nameValues = (v: unknown, where: string) => {
    need(Array.isArray(v), `${where} must be an array`)
    if (!Array.isArray(v)) return
    v.forEach((nv, i) =>
      need(
        isObj(nv) && typeof nv.name === 'string' && typeof nv.value === 'string',
        `${where}[${i}] must be {name, value} strings`,
      ),
    )
  }
  if (!isObj(doc) || !isObj(doc.log)) return ['missing log object']
  const log = doc.log
  need(log.version === '1.2', 'log.version must be "1.2"')
  need(
    isObj(log.creator) &&
      typeof log.creator.name === 'string' &&
      typeof log.creator.version === 'string',
    'log.creator needs name and version',
  )
  need(Array.isArray(log.entries), 'log.entries must be an array')
  const entries = Array.isArray(log.entries) ? log.entries : []
  entries.forEach((e: unknown, i: number) => {
    const at = `entries[${i}]`
    if (!isObj(e)) return need(false, `${at} must be an object`)
    need(
      typeof e.startedDateTime === 'string' && !Number.isNaN(Date.parse(e.startedDateTime)),
      `${at}.startedDateTime must be ISO 8601`,
    )
    need(typeof e.time === 'number' && e.time >= 0, `${at}.time must be a number >= 0`)
    need(isObj(e.cache), `${at}.cache must be an object`)
    const t = e.timings
    need(
      isObj(t) && ['send', 'wait', 'receive'].every((k) => typeof t[k] === 'number'),
      `${at}.timings needs send/wait/receive`,
    )
    const req = e.request
    if (!isObj(req)) return need(false, `${at}.request missing`)
    need(typeof req.method === 'string' && req.method.length > 0, `${at}.request.method`)
    need(typeof req.url === 'string' && /^https?:\/\//.test(req.url), `${at}.request.url absolute`)
    need(typeof req.httpVersion === 'string', `${at}.request.httpVersion`)
    nameValues(req.cookies, `${at}.request.cookies`)
    nameValues(req.headers, `${at}.request.headers`)
    nameValues(req.queryString, `${at}.request.queryString`)
    need(typeof req.headersSize === 'number', `${at}.request.headersSize`)
    need(typeof req.bodySize === 'number', `${at}.request.bodySize`)
    if (req.postData !== undefined) {
      const pd = req.postData
      need(isObj(pd) && typeof pd.mimeType === 'string', `${at}.request.postData.mimeType`)
      need(isObj(pd) && typeof pd.text === 'string', `${at}.request.postData.text`)
    }
    const res = e.response
    if (!isObj(res)) return need(false, `${at}.response missing`)
    need(typeof res.status === 'number', `${at}.response.status`)
    need(typeof res.statusText === 'string', `${at}.response.statusText`)
    need(typeof res.httpVersion === 'string', `${at}.response.httpVersion`)
    nameValues(res.cookies, `${at}.response.cookies`)
    nameValues(res.headers, `${at}.response.headers`)
    need(
      isObj(res.content) &&
        typeof res.content.size === 'number' &&
        typeof res.content.mimeType === 'string',
      `${at}.response.content needs size and mimeType`,
    )
    need(typeof res.redirectURL === 'string', `${at}.response.redirectURL`)
    need(typeof res.headersSize === 'number', `${at}.response.headersSize`)
    need(typeof res.bodySize === 'number', `${at}.response.bodySize`)
  })
  return errors
}
