// Collection-level pre-request script: signs every API 3.0 request with TC3-HMAC-SHA256.
// Runs unchanged in Newman 6 (postman-sandbox 4.x), the Postman CLI and the Postman app. Loaded
// verbatim by the collection emitter, after the shared signer (src/collection/sandbox/
// tc3-authorization.js); parameterised by the environment's secretId, secretKey and token, and by
// the header names the emitter writes from specs/service.yaml into the variable contractSchemas.
// A disabled (never sent) header X-Contract-Sign names the signing probe a negative contract case
// signs with, badly on purpose (the shared signProbe).
(function signTc3() {
  var cryptojs = require('crypto-js');

  var contract = readContract(pm.collectionVariables.get('contractSchemas'), cryptojs).contract || {}; // not JSON: reported just below, as missing
  var names = contract.api3 && contract.api3.headers;
  if (!names) throw new Error('The collection variable contractSchemas is missing, not JSON or out of date: re-import generated/asr.postman_collection.json.');
  if (!pm.request.headers.get(names.action)) return; // not an API 3.0 request (e.g. flash recognition signs itself)

  var secretId = pm.variables.get('secretId');
  var secretKey = pm.variables.get('secretKey');
  if (!secretId || !secretKey) {
    throw new Error('secretId and secretKey are empty: select the local or live environment, which holds them, or set them as variables.');
  }

  // Hash exactly the bytes that will be sent: resolve {{variables}} once and send the resolved text,
  // so dynamic variables such as {{$guid}} cannot differ between the hash and the wire.
  var raw = pm.request.body && pm.request.body.mode === 'raw' ? pm.request.body.raw || '' : '';
  var body = pm.variables.replaceIn(raw);
  if (body !== raw) pm.request.body.update({ mode: 'raw', raw: body });

  var signing = signProbe(contract, pm.request.headers.get('X-Contract-Sign'), secretKey, Date.now());
  var timestamp = signing.timestamp;
  var authorization = tc3Authorization(cryptojs, {
    method: pm.request.method,
    url: pm.variables.replaceIn(pm.request.url.toString()),
    contentType: pm.request.headers.get('Content-Type') || 'application/json; charset=utf-8',
    body: body,
    timestamp: timestamp,
    secretId: secretId,
    secretKey: signing.secretKey,
  });

  pm.request.headers.upsert({ key: names.timestamp, value: String(timestamp) });
  pm.request.headers.upsert({ key: 'Authorization', value: authorization });
  var token = pm.variables.get('token');
  if (names.token && token) pm.request.headers.upsert({ key: names.token, value: token });
  else if (names.token) pm.request.headers.remove(names.token);
})();
