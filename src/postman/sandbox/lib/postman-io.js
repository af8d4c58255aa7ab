// Shared by contract-tests.js and flash-tests.js: the emitter puts this file in front of each.
// What the shared checks read, through Postman's API: its test and expect, the request's headers
// (disabled ones included), the answer as { code, text, contentType } (null when no response arrived:
// newman runs the test script even when the request failed) and the contract data.
function postmanIo() {
  var r = pm.response;
  var answer = null;
  if (r && typeof r.code === 'number' && r.code > 0) {
    var text = '';
    try {
      text = r.text() || '';
    } catch (e) {
      text = '';
    }
    answer = { code: r.code, text: text, contentType: r.headers && r.headers.get('Content-Type') };
  }
  return {
    collection: 'generated/asr.postman_collection.json',
    test: function (name, fn) { pm.test(name, fn); },
    expect: pm.expect,
    header: function (name) { return pm.request.headers.get(name); },
    answer: answer,
    contract: readContract(pm.collectionVariables.get('contractSchemas'), require('ajv')),
  };
}
