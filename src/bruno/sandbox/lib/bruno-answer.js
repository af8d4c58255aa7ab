// Shared by contract-tests.js and flash-tests.js: the emitter puts this file in front of each.
// The answer as the shared checks read it ({ code, text, contentType }), from Bruno's res; null when
// no status arrived. sign-tc3.js turns Bruno's own JSON parsing off, so the body is the exact text:
// a uint64 that the runner had parsed would already be rounded.
function brunoAnswer() {
  var code = res.getStatus();
  if (typeof code !== 'number' || code <= 0) return null;
  var body = res.getBody();
  var text = typeof body === 'string' ? body : body === null || body === undefined ? '' : JSON.stringify(body);
  return { code: code, text: text, contentType: res.getHeader('content-type') };
}
