// Shared by both collections' flash-recognition test scripts: the emitters put this file in front of
// them. The checks of a flash-style answer: the status code, the request id and, on success, the
// response schema. X-Contract-Endpoint (disabled, never sent) names the endpoint and
// X-Contract-Expect holds `success` or `code=<n>`.
// io: as for contractChecks (test, expect, header, answer, contract, precompiled), and fileHint: what to say when
// no audio arrived, which is how each runner's app shows a file body it could not find.
function flashChecks(io) {
  var name = io.header('X-Contract-Endpoint');
  if (!name) return;
  var cached = io.contract;
  var contract = cached.contract || {};
  var meta = (contract.endpoints && contract.endpoints[name]) || {};
  var expectation = String(io.header('X-Contract-Expect') || 'success');
  var wanted = expectation.indexOf('code=') === 0 ? Number(expectation.slice('code='.length)) : 0;
  var label = name + ' · ';
  // No answer, or not this endpoint's JSON: one failing test that says what came back, and nothing else.
  var answer = readAnswer(io.answer, meta.statusField);
  if (answer.problem) {
    io.test(label + 'an answer with ' + meta.statusField, function () {
      io.expect.fail(answer.problem);
    });
    return;
  }
  var body = answer.body;

  io.test(label + 'HTTP 200', function () {
    io.expect(io.answer.code, 'HTTP status').to.equal(200);
  });
  io.test(label + meta.requestIdField + ' is a string', function () {
    io.expect(body[meta.requestIdField], meta.requestIdField).to.be.a('string');
  });
  io.test(label + meta.statusField + ' is ' + wanted, function () {
    var got = body[meta.statusField];
    var hint = got === meta.emptyAudioCode && wanted !== got ? '; ' + io.fileHint(meta.audioFile) : '';
    io.expect(got, meta.statusField + ' (' + body.message + hint + ')').to.equal(wanted);
  });
  if (wanted !== 0) return;

  var validate = schemaValidator(io, name, meta.response);
  io.test(label + 'response matches schema', function () {
    io.expect(validate, 'a schema for ' + name + ' in contractSchemas').to.be.a('function');
    var ok = validate(body);
    io.expect(ok, describeAjvErrors(validate.errors, '(body)')).to.equal(true);
  });
}
