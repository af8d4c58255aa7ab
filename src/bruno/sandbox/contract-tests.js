// Collection-level tests script of the Bruno collection: the contract tests. Written for Bruno's API
// and its safe sandbox (ajv 8, chai's expect); loaded verbatim by the emitter after the shared checks
// (src/collection/sandbox/contract-checks.js), which it feeds through Bruno's API (lib/bruno-io.js),
// with runtime variables for captures and a poll counter per request name that
// bru.runner.setNextRequest repeats after bru.sleep.
await (async function contractTests() {
  var polls = 'contract.polls.' + String(req.getName()).replace(/[^A-Za-z0-9_.-]/g, '_');
  var wait = -1;
  var io = brunoIo();
  io.capture = function (name, value) { bru.setVar(name, value); };
  io.poll = {
    attempt: function () { return Number(bru.getVar(polls) || 0); },
    record: function (n) { bru.setVar(polls, n); },
    repeat: function (delayMs) {
      bru.runner.setNextRequest(req.getName());
      wait = delayMs;
    },
  };
  contractChecks(io);
  if (wait > 0) await bru.sleep(wait);
})();
