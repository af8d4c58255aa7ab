// Collection-level tests script of the Bruno collection: the contract tests. Written for Bruno's API
// and its safe sandbox (ajv 8, chai's expect); loaded verbatim by the emitter after the shared checks
// (src/collection/sandbox/contract-checks.js), which it feeds: the request's headers (disabled ones
// included, through req.headerList), the answer's text, runtime variables for captures, and a poll
// counter per request name that bru.runner.setNextRequest repeats after bru.sleep.
await (async function contractTests() {
  var polls = 'contract.polls.' + String(req.getName()).replace(/[^A-Za-z0-9_.-]/g, '_');
  var wait = -1;
  contractChecks({
    collection: 'generated/bruno/',
    test: function (name, fn) { test(name, fn); },
    expect: expect,
    header: function (name) { return req.headerList.get(name); },
    answer: brunoAnswer(),
    contract: readContract(bru.getCollectionVar('contractSchemas'), require('ajv')),
    capture: function (name, value) { bru.setVar(name, value); },
    poll: {
      attempt: function () { return Number(bru.getVar(polls) || 0); },
      record: function (n) { bru.setVar(polls, n); },
      repeat: function (delayMs) {
        bru.runner.setNextRequest(req.getName());
        wait = delayMs;
      },
    },
  });
  if (wait > 0) await bru.sleep(wait);
})();
