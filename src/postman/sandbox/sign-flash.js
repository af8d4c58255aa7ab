// Folder-level pre-request script of the flash recognition folders: puts the SecretId and a timestamp
// in the query and signs the request with the shared flash signer (src/collection/sandbox/
// flash-signature.js). Runs unchanged in Newman 6, the Postman CLI and the Postman app; loaded
// verbatim by the emitter. Which endpoint, and the names of its signing parameters, come from the
// disabled header X-Contract-Endpoint and the collection variable contractSchemas.
(function signFlash() {
  var name = pm.request.headers.get('X-Contract-Endpoint');
  if (!name) return;
  var cryptojs = require('crypto-js');
  var contract = readContract(pm.collectionVariables.get('contractSchemas'), cryptojs).contract || {}; // not JSON: reported just below, as missing
  var meta = contract.endpoints && contract.endpoints[name];
  if (!meta) throw new Error('The collection variable contractSchemas is missing, not JSON or out of date (no endpoint ' + name + '): re-import generated/asr.postman_collection.json.');
  var sig = meta.signature;

  var secretId = pm.variables.get('secretId');
  var secretKey = pm.variables.get('secretKey');
  if (!secretId || !secretKey) throw new Error('secretId and secretKey are empty: select the local or live environment, which holds them, or set them as variables.');
  var signing = signProbe(contract, pm.request.headers.get('X-Contract-Sign'), secretKey, Date.now());

  pm.request.url.query.upsert({ key: sig.secretIdParameter, value: secretId });
  pm.request.url.query.upsert({ key: sig.timestampParameter, value: String(signing.timestamp) });
  var signature = flashSignature(cryptojs, {
    method: pm.request.method,
    url: pm.variables.replaceIn(pm.request.url.toString()),
    withMethod: sig.method,
    secretKey: signing.secretKey,
  });
  pm.request.headers.upsert({ key: sig.header, value: signature });
})();
