// Shared by contract-tests.js and flash-tests.js: the emitter puts this file in front of each.
// What the shared checks read, through Bruno's API: its test and expect, the request's headers
// (disabled ones included, through req.headerList), the answer as { code, text, contentType } (null
// when no status arrived), the contract data, and the response validators compiled at build time.
// sign-tc3.js turns Bruno's own JSON parsing off, so the body is the exact text: a uint64 that the
// runner had parsed would already be rounded.
function brunoIo() {
  var code = res.getStatus();
  var answer = null;
  if (typeof code === 'number' && code > 0) {
    var body = res.getBody();
    var text = typeof body === 'string' ? body : body === null || body === undefined ? '' : JSON.stringify(body);
    answer = { code: code, text: text, contentType: res.getHeader('content-type') };
  }
  var contract = readContract(bru.getCollectionVar('contractSchemas'), require('ajv'));
  return {
    collection: 'generated/bruno/',
    test: function (name, fn) { test(name, fn); },
    expect: expect,
    header: function (name) { return req.headerList.get(name); },
    answer: answer,
    contract: contract,
    // Bruno starts its sandbox afresh for every script, so a schema compiled here would be compiled
    // for every request. The build compiles each one into a module in the folder contractSchemas
    // names (src/bruno/validators.ts); require('./…') reads it from the collection folder. Where
    // that fails (a copy without the folder), the checks compile the schema: slower, same verdicts.
    precompiled: function (name) {
      var dir = contract.contract && contract.contract.validators;
      if (typeof dir !== 'string' || !/^[A-Za-z0-9_]+$/.test(name)) return null;
      try {
        var validate = require('./' + dir + name + '.cjs');
        return typeof validate === 'function' ? validate : null;
      } catch (e) {
        return null;
      }
    },
  };
}
