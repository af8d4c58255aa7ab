// Folder-level test script of the flash recognition folders: the status code, the request id and,
// on success, the response schema. Runs unchanged in Newman 6 and the Postman app.
// X-Contract-Expect (disabled, never sent) holds `success` or `code=<n>`.
(function flashTests() {
  var name = pm.request.headers.get('X-Contract-Endpoint');
  if (!name) return;
  var cached = readContract(require('ajv'));
  var contract = cached.contract || {};
  var meta = (contract.endpoints && contract.endpoints[name]) || {};
  var expectation = String(pm.request.headers.get('X-Contract-Expect') || 'success');
  var wanted = expectation.indexOf('code=') === 0 ? Number(expectation.slice('code='.length)) : 0;
  var label = name + ' · ';
  // No answer, or not this endpoint's JSON: one failing test that says what came back, and nothing else.
  var answer = readAnswer(meta.statusField);
  if (answer.problem) {
    pm.test(label + 'an answer with ' + meta.statusField, function () {
      pm.expect.fail(answer.problem);
    });
    return;
  }
  var body = answer.body;

  pm.test(label + 'HTTP 200', function () {
    pm.expect(pm.response.code, 'HTTP status').to.equal(200);
  });
  pm.test(label + meta.requestIdField + ' is a string', function () {
    pm.expect(body[meta.requestIdField], meta.requestIdField).to.be.a('string');
  });
  pm.test(label + meta.statusField + ' is ' + wanted, function () {
    var got = body[meta.statusField];
    // No audio arrived: in the Postman app that is a file body it could not find.
    var hint = got === meta.emptyAudioCode && wanted !== got ? '; the body is the file ' + meta.audioFile + ', which Postman reads relative to its working directory: set Settings → General → Working directory to a checkout of asr-contract' : '';
    pm.expect(got, meta.statusField + ' (' + body.message + hint + ')').to.equal(wanted);
  });
  if (wanted !== 0) return;

  cached.ajv = cached.ajv || createAjv();
  var validate = meta.response ? cached.compiled[name] || (cached.compiled[name] = cached.ajv.compile(meta.response)) : null;
  pm.test(label + 'response matches schema', function () {
    pm.expect(validate, 'a schema for ' + name + ' in contractSchemas').to.be.a('function');
    var ok = validate(body);
    pm.expect(ok, describeAjvErrors(validate.errors, '(body)')).to.equal(true);
  });
})();
