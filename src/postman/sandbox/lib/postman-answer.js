// Shared by contract-tests.js and flash-tests.js: the emitter puts this file in front of each.
// The answer as the shared checks read it ({ code, text, contentType }), from pm.response; null when
// no response arrived (newman runs the test script even when the request failed).
function postmanAnswer() {
  var r = pm.response;
  if (!r || typeof r.code !== 'number' || r.code <= 0) return null;
  var text = '';
  try {
    text = r.text() || '';
  } catch (e) {
    text = '';
  }
  return { code: r.code, text: text, contentType: r.headers && r.headers.get('Content-Type') };
}
