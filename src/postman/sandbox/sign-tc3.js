// Collection-level pre-request script: signs every API 3.0 request with TC3-HMAC-SHA256.
// Runs unchanged in Newman 6 (postman-sandbox 4.x) and the Postman app. Loaded verbatim by the
// collection emitter; parameterised by the environment's secretId, secretKey and token, and by the
// header names the emitter writes from specs/service.yaml into the variable contractSchemas.
// A disabled (never sent) header X-Contract-Sign: wrong-key | stale-timestamp lets the negative
// contract cases sign badly on purpose.
(function signTc3() {
  var cryptojs = require('crypto-js');

  var contract = readContract(cryptojs).contract || {}; // not JSON: reported just below, as missing
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

  var url = pm.variables.replaceIn(pm.request.url.toString());
  var authority = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]+)/i.exec(url);
  if (!authority) throw new Error('Cannot find the host in the request URL "' + url + '"; is baseUrl set?');
  // Like the official SDKs: sign the host name without port, and take the credential scope's
  // service from its first label ("asr" for asr.tencentcloudapi.com).
  var hostname = authority[1].replace(/^.*@/, '').replace(/:\d+$/, '');
  var service = hostname.split('.')[0];

  var tweak = pm.request.headers.get('X-Contract-Sign');
  if (tweak === 'wrong-key') secretKey = secretKey + '-but-wrong';

  var contentType = pm.request.headers.get('Content-Type') || 'application/json; charset=utf-8';
  var timestamp = Math.floor(Date.now() / 1000) - (tweak === 'stale-timestamp' ? 3600 : 0);
  var date = new Date(timestamp * 1000).toISOString().slice(0, 10);

  var signedHeaders = 'content-type;host';
  var canonicalRequest = [
    pm.request.method.toUpperCase(),
    '/',
    '',
    'content-type:' + contentType + '\nhost:' + hostname + '\n',
    signedHeaders,
    cryptojs.SHA256(body).toString(cryptojs.enc.Hex),
  ].join('\n');
  var scope = date + '/' + service + '/tc3_request';
  var stringToSign = ['TC3-HMAC-SHA256', String(timestamp), scope, cryptojs.SHA256(canonicalRequest).toString(cryptojs.enc.Hex)].join('\n');

  var kDate = cryptojs.HmacSHA256(date, 'TC3' + secretKey);
  var kService = cryptojs.HmacSHA256(service, kDate);
  var kSigning = cryptojs.HmacSHA256('tc3_request', kService);
  var signature = cryptojs.HmacSHA256(stringToSign, kSigning).toString(cryptojs.enc.Hex);

  pm.request.headers.upsert({ key: names.timestamp, value: String(timestamp) });
  pm.request.headers.upsert({
    key: 'Authorization',
    value: 'TC3-HMAC-SHA256 Credential=' + secretId + '/' + scope + ', SignedHeaders=' + signedHeaders + ', Signature=' + signature,
  });
  var token = pm.variables.get('token');
  if (names.token && token) pm.request.headers.upsert({ key: names.token, value: token });
  else if (names.token) pm.request.headers.remove(names.token);
})();
