// Collection-level test script: the contract tests. Runs unchanged in Newman 6 (postman-sandbox 4.x,
// ajv 6, draft-07), the Postman CLI and the Postman app. Loaded verbatim by the collection emitter,
// after the shared checks (src/collection/sandbox/contract-checks.js), which it feeds through
// Postman's API (lib/postman-io.js), with collection variables for captures and a poll counter per
// request that pm.execution.setNextRequest repeats.
(function contractTests() {
  var polls = 'contract.polls.' + pm.info.requestId;
  var io = postmanIo();
  io.capture = function (name, value) { pm.collectionVariables.set(name, value); };
  io.poll = {
    attempt: function () { return Number(pm.variables.get(polls) || 0); },
    record: function (n) { pm.variables.set(polls, n); },
    repeat: function (delayMs) {
      pm.execution.setNextRequest(pm.info.requestId);
      setTimeout(function () {}, delayMs);
    },
  };
  contractChecks(io);
})();
