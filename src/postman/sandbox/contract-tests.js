// Collection-level test script: the contract tests. Runs unchanged in Newman 6 (postman-sandbox 4.x,
// ajv 6, draft-07), the Postman CLI and the Postman app. Loaded verbatim by the collection emitter,
// after the shared checks (src/collection/sandbox/contract-checks.js), which it feeds through
// Postman's API: the request's headers, the answer, collection variables for captures, and a poll
// counter per request that pm.execution.setNextRequest repeats.
(function contractTests() {
  var polls = 'contract.polls.' + pm.info.requestId;
  contractChecks({
    collection: 'generated/asr.postman_collection.json',
    test: function (name, fn) { pm.test(name, fn); },
    expect: pm.expect,
    header: function (name) { return pm.request.headers.get(name); },
    answer: postmanAnswer(),
    contract: readContract(pm.collectionVariables.get('contractSchemas'), require('ajv')),
    capture: function (name, value) { pm.collectionVariables.set(name, value); },
    poll: {
      attempt: function () { return Number(pm.variables.get(polls) || 0); },
      record: function (n) { pm.variables.set(polls, n); },
      repeat: function (delayMs) {
        pm.execution.setNextRequest(pm.info.requestId);
        setTimeout(function () {}, delayMs);
      },
    },
  });
})();
