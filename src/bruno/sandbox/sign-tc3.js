// Collection-level before-request script of the Bruno collection: signs every API 3.0 request with
// TC3-HMAC-SHA256, through the shared signer (src/collection/sandbox/tc3-authorization.js). Written
// for Bruno's API and its default (safe) sandbox; loaded verbatim by the emitter (src/bruno/), and
// parameterised by the environment's secretId, secretKey and token and by the header names in the
// collection variable contractSchemas. A disabled (never sent) header X-Contract-Sign names the
// signing probe a negative contract case signs with, badly on purpose (the shared signProbe).

// What Bruno's HTTP client (axios) sends for a text body with a JSON Content-Type: JSON as it is but
// trimmed, anything else as a JSON string (quoted). Sent in that form already, it goes out unchanged.
function onTheWire(text) {
  if (text === '') return text;
  try {
    JSON.parse(text);
    return text.trim();
  } catch (e) {
    return JSON.stringify(text);
  }
}

(function signTc3() {
  var cryptojs = require('crypto-js');
  var contract = readContract(bru.getCollectionVar('contractSchemas'), null).contract || {}; // not JSON: reported just below, as missing
  var names = contract.api3 && contract.api3.headers;
  if (!names) throw new Error('The collection variable contractSchemas is missing, not JSON or out of date: re-open generated/bruno/.');
  // The tests check answers from their exact text (lib/bruno-io.js), flash ones included.
  req.disableParsingResponseJson();
  if (!req.headerList.get(names.action)) return; // not an API 3.0 request (flash recognition signs itself)

  var key = brunoCredentials();
  // Hash exactly the bytes that will be sent: resolve {{variables}} here and send the resolved text,
  // which Bruno then leaves as it is. Only a body that has variables goes through bru.interpolate,
  // which copies it out of the sandbox and back: large bodies (base64 audio) strain Bruno's QuickJS.
  var raw = req.getBody({ raw: true });
  raw = typeof raw === 'string' ? raw : raw === null || raw === undefined ? '' : JSON.stringify(raw);
  var body = onTheWire(raw.indexOf('{{') < 0 ? raw : bru.interpolate(raw) || '');
  if (body !== raw) req.setBody(body, { raw: true });

  var signing = signProbe(contract, req.headerList.get('X-Contract-Sign'), key.secretKey, Date.now());
  var timestamp = signing.timestamp;
  var authorization = tc3Authorization(cryptojs, {
    method: req.getMethod(),
    url: bru.interpolate(req.getUrl()),
    contentType: req.headerList.get('Content-Type') || 'application/json; charset=utf-8',
    body: body,
    timestamp: timestamp,
    secretId: key.secretId,
    secretKey: signing.secretKey,
  });

  req.setHeader(names.timestamp, String(timestamp));
  req.setHeader('Authorization', authorization);
  var token = bru.getEnvVar('token');
  if (names.token && token) req.setHeader(names.token, String(token));
  else if (names.token && req.getHeader(names.token) !== undefined) req.deleteHeader(names.token);
})();
