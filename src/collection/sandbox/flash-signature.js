// Shared by both collections' flash signing scripts: the emitters put this file in front of them.
// Base64 HMAC-SHA1 over (method +) host + path + "?" + the query sorted by key, as the service and
// its SDKs sign. request: { method, url (variables resolved, the SecretId and timestamp already in
// its query), withMethod (whether the method is part of the string), secretKey }.
function flashSignature(cryptojs, request) {
  var m = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]+)([^?#]*)(?:\?([^#]*))?/i.exec(request.url);
  if (!m) throw new Error('Cannot read the request URL "' + request.url + '"; is flashBaseUrl set?');
  var host = m[1].replace(/^.*@/, '');
  var params = {};
  (m[3] || '').split('&').forEach(function (pair) {
    if (!pair) return;
    var i = pair.indexOf('=');
    params[decodeURIComponent(i < 0 ? pair : pair.slice(0, i))] = i < 0 ? '' : decodeURIComponent(pair.slice(i + 1));
  });
  var stringToSign =
    (request.withMethod ? request.method.toUpperCase() : '') +
    host +
    m[2] +
    '?' +
    Object.keys(params)
      .sort()
      .map(function (k) { return k + '=' + params[k]; })
      .join('&');
  return cryptojs.HmacSHA1(stringToSign, request.secretKey).toString(cryptojs.enc.Base64);
}
