// Folder-level pre-request script of the flash recognition folders: signs the request with
// Base64 HMAC-SHA1 over (method +) host + path + "?" + the query sorted by key, as the service and
// its SDKs do. Runs unchanged in Newman 6 and the Postman app; loaded verbatim by the emitter.
// Which endpoint, and the names of its signing parameters, come from the disabled header
// X-Contract-Endpoint and the collection variable contractSchemas (generated from the specs).
(function signFlash() {
  var name = pm.request.headers.get('X-Contract-Endpoint');
  if (!name) return;
  var contract = readContract(require('crypto-js')).contract || {}; // not JSON: reported just below, as missing
  var meta = contract.endpoints && contract.endpoints[name];
  if (!meta) throw new Error('The collection variable contractSchemas is missing, not JSON or out of date (no endpoint ' + name + '): re-import generated/asr.postman_collection.json.');
  var sig = meta.signature;

  var secretId = pm.variables.get('secretId');
  var secretKey = pm.variables.get('secretKey');
  if (!secretId || !secretKey) throw new Error('secretId and secretKey are empty: select the local or live environment, which holds them, or set them as variables.');
  var tweak = pm.request.headers.get('X-Contract-Sign');
  if (tweak === 'wrong-key') secretKey = secretKey + '-but-wrong';
  var timestamp = Math.floor(Date.now() / 1000) - (tweak === 'stale-timestamp' ? 3600 : 0);

  pm.request.url.query.upsert({ key: sig.secretIdParameter, value: secretId });
  pm.request.url.query.upsert({ key: sig.timestampParameter, value: String(timestamp) });

  var url = pm.variables.replaceIn(pm.request.url.toString());
  var m = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]+)([^?#]*)(?:\?([^#]*))?/i.exec(url);
  if (!m) throw new Error('Cannot read the request URL "' + url + '"; is flashBaseUrl set?');
  var host = m[1].replace(/^.*@/, '');
  var params = {};
  (m[3] || '').split('&').forEach(function (pair) {
    if (!pair) return;
    var i = pair.indexOf('=');
    params[decodeURIComponent(i < 0 ? pair : pair.slice(0, i))] = i < 0 ? '' : decodeURIComponent(pair.slice(i + 1));
  });
  var stringToSign =
    (sig.method ? pm.request.method.toUpperCase() : '') +
    host +
    m[2] +
    '?' +
    Object.keys(params)
      .sort()
      .map(function (k) { return k + '=' + params[k]; })
      .join('&');
  var cryptojs = require('crypto-js');
  pm.request.headers.upsert({ key: sig.header, value: cryptojs.HmacSHA1(stringToSign, secretKey).toString(cryptojs.enc.Base64) });
})();
