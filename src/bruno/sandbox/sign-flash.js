// Folder-level before-request script of the flash recognition folders: puts the SecretId and a
// timestamp in the query, then signs with the shared flash signer (src/collection/sandbox/
// flash-signature.js). Written for Bruno's API and its safe sandbox; loaded verbatim by the emitter.
// Bruno resolves {{variables}} after this script, so the URL is resolved here, rebuilt and set.
(function signFlash() {
  var name = req.headerList.get('X-Contract-Endpoint');
  if (!name) return;
  var cryptojs = require('crypto-js');
  var contract = readContract(bru.getCollectionVar('contractSchemas'), null).contract || {}; // not JSON: reported just below, as missing
  var meta = contract.endpoints && contract.endpoints[name];
  if (!meta) throw new Error('The collection variable contractSchemas is missing, not JSON or out of date (no endpoint ' + name + '): re-open generated/bruno/.');
  var sig = meta.signature;

  var key = brunoCredentials();
  var signing = signProbe(contract, req.headerList.get('X-Contract-Sign'), key.secretKey, Date.now());

  // Sets one query parameter, in place when the URL has it already, else at the end.
  function withQuery(url, name, value) {
    var pair = encodeURIComponent(name) + '=' + encodeURIComponent(value);
    var hash = url.indexOf('#');
    var fragment = hash < 0 ? '' : url.slice(hash);
    var rest = hash < 0 ? url : url.slice(0, hash);
    var q = rest.indexOf('?');
    if (q < 0) return rest + '?' + pair + fragment;
    var kept = rest.slice(q + 1).split('&').filter(function (p) { return p && decodeURIComponent(p.split('=')[0]) !== name; });
    return rest.slice(0, q) + '?' + kept.concat([pair]).join('&') + fragment;
  }
  var url = withQuery(withQuery(bru.interpolate(req.getUrl()), sig.secretIdParameter, key.secretId), sig.timestampParameter, String(signing.timestamp));
  req.setUrl(url);
  req.setHeader(sig.header, flashSignature(cryptojs, {
    method: req.getMethod(),
    url: url,
    withMethod: sig.method,
    secretKey: signing.secretKey,
  }));
})();
