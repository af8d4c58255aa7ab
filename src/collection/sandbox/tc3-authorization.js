// Shared by both collections' API 3.0 signing scripts: the emitters put this file in front of them.
// TC3-HMAC-SHA256 over exactly the bytes that will be sent, as the official SDKs sign: the host name
// without its port, only content-type and host signed, and the credential scope's service taken from
// the host's first label ("asr" for asr.tencentcloudapi.com).
// request: { method, url (variables resolved), contentType, body (the text sent), timestamp (seconds),
// secretId, secretKey }. Returns the Authorization header's value.
function tc3Authorization(cryptojs, request) {
  // The body's SHA-256 in 64 KiB pieces (never splitting a surrogate pair): hashing a large body at
  // once allocates its whole UTF-8 copy, which in Bruno's safe sandbox (QuickJS) can end the script
  // with an abort when the sandbox is torn down.
  function sha256Hex(c, text) {
    var hasher = c.algo.SHA256.create();
    for (var at = 0; at < text.length; ) {
      var end = Math.min(at + 65536, text.length);
      var last = text.charCodeAt(end - 1);
      if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
      hasher.update(c.enc.Utf8.parse(text.slice(at, end)));
      at = end;
    }
    return hasher.finalize().toString(c.enc.Hex);
  }

  var authority = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]+)/i.exec(request.url);
  if (!authority) throw new Error('Cannot find the host in the request URL "' + request.url + '"; is baseUrl set?');
  var hostname = authority[1].replace(/^.*@/, '').replace(/:\d+$/, '');
  var service = hostname.split('.')[0];
  var date = new Date(request.timestamp * 1000).toISOString().slice(0, 10);

  var signedHeaders = 'content-type;host';
  var canonicalRequest = [
    request.method.toUpperCase(),
    '/',
    '',
    'content-type:' + request.contentType + '\nhost:' + hostname + '\n',
    signedHeaders,
    sha256Hex(cryptojs, request.body),
  ].join('\n');
  var scope = date + '/' + service + '/tc3_request';
  var stringToSign = ['TC3-HMAC-SHA256', String(request.timestamp), scope, cryptojs.SHA256(canonicalRequest).toString(cryptojs.enc.Hex)].join('\n');

  var kDate = cryptojs.HmacSHA256(date, 'TC3' + request.secretKey);
  var kService = cryptojs.HmacSHA256(service, kDate);
  var kSigning = cryptojs.HmacSHA256('tc3_request', kService);
  var signature = cryptojs.HmacSHA256(stringToSign, kSigning).toString(cryptojs.enc.Hex);
  return 'TC3-HMAC-SHA256 Credential=' + request.secretId + '/' + scope + ', SignedHeaders=' + signedHeaders + ', Signature=' + signature;
}
