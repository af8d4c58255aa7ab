// Shared by both collections' test scripts: the emitters put this file in front of them. The
// contract checks of an API 3.0 answer, written once and run by a thin adapter per runner
// (src/postman/sandbox/contract-tests.js, src/bruno/sandbox/contract-tests.js), so Postman, newman
// and Bruno record the same tests under the same names.
//
// Tencent answers errors with HTTP 200 and Response.Error, so every check reads the body.
// Per request, it reads disabled (never sent) headers that the generator adds:
//   X-Contract-Expect   success | error=<Code>                 (default: success)
//   X-Contract-Capture  name=Path.In.Response; …               (variables for the calls after it)
//   X-Contract-Poll     Path=value; attempts=N; delayMs=M      (repeats the request until the value appears)
// The action header's name, the envelope's member names and the response schemas come from the
// contract data (the collection variable contractSchemas).
//
// io: test(name, fn) and expect(value, message) (chai's, as both runners give them);
//   collection: the generated collection's path, for messages; header(name): a request header's value, disabled ones included; answer: { code, text, contentType }
//   or null; contract: what readContract() returned; precompiled(name) (optional): the validator compiled
//   at build time for that schema, or null (schema-validator.js); capture(name, value): keep a variable
//   for later calls; poll: { attempt(): the attempts recorded for this request, record(n), repeat(delayMs) }.
function contractChecks(io) {
  var cached = io.contract;
  var contract = cached.contract || {};
  var names = contract.api3 && contract.api3.headers;
  var env = contract.api3 && contract.api3.envelope;
  if (!names || !env) {
    io.test('the collection variable contractSchemas is present', function () {
      io.expect.fail('contractSchemas is missing or out of date: re-import ' + io.collection);
    });
    return;
  }
  var action = io.header(names.action);
  if (!action) return; // not an API 3.0 request

  function meta(name) {
    var value = io.header(name);
    return value === undefined || value === null ? '' : String(value).trim();
  }
  function pairs(text) {
    var out = [];
    text.split(';').forEach(function (part) {
      var i = part.indexOf('=');
      if (i > 0) out.push([part.slice(0, i).trim(), part.slice(i + 1).trim()]);
    });
    return out;
  }
  function at(obj, path) {
    return path.split('.').reduce(function (node, key) {
      return node !== null && typeof node === 'object' && Object.prototype.hasOwnProperty.call(node, key) ? node[key] : undefined;
    }, obj);
  }

  var label = action + ' · ';
  var expectation = meta('X-Contract-Expect') || 'success';
  var expectedError = expectation.indexOf('error=') === 0 ? expectation.slice('error='.length) : null;

  // No answer, or no envelope: one failing test that says what came back, and nothing else.
  var answer = readAnswer(io.answer, env.response);
  if (answer.problem) {
    io.test(label + 'an API 3.0 answer with ' + env.response, function () {
      io.expect.fail(answer.problem);
    });
    return;
  }
  var envelope = answer.body[env.response];
  var response = typeof envelope === 'object' && envelope !== null ? envelope : {};
  var errorPath = env.response + '.' + env.error;

  io.test(label + 'HTTP 200', function () {
    io.expect(io.answer.code, 'HTTP status (Tencent answers errors with 200 too)').to.equal(200);
  });
  io.test(label + env.response + ' is an object with ' + env.requestId, function () {
    io.expect(envelope, env.response).to.be.an('object');
    io.expect(envelope[env.requestId], env.response + '.' + env.requestId).to.be.a('string');
  });

  if (expectedError) {
    io.test(label + env.error + '.' + env.code + ' is ' + expectedError, function () {
      var e = response[env.error];
      io.expect(e, errorPath).to.be.an('object');
      io.expect(e[env.code], errorPath + '.' + env.code + ' (' + (e && e[env.message]) + ')').to.equal(expectedError);
    });
    return;
  }

  io.test(label + 'no ' + errorPath, function () {
    var e = response[env.error];
    io.expect(e, e ? errorPath + ' ' + e[env.code] + ': ' + e[env.message] : errorPath).to.equal(undefined);
  });

  var schema = contract.actions && contract.actions[action];
  var validate = schemaValidator(io, action, schema);

  io.test(label + 'response matches schema', function () {
    io.expect(validate, 'a schema for ' + action + ' in contractSchemas').to.be.a('function');
    var ok = validate(response);
    io.expect(ok, describeAjvErrors(validate.errors, '(' + env.response + ')')).to.equal(true);
  });

  // uint64/int64 values past 2^53 are silently rounded by JSON.parse; say so instead.
  io.test(label + 'uint64/int64 ids are safe integers', function () {
    var unsafe = [];
    var defs = (schema && schema.definitions) || {};
    function walk(s, value, path, depth) {
      if (!s || value === undefined || value === null || depth > 20) return;
      if (s.$ref) return walk(defs[s.$ref.replace('#/definitions/', '')], value, path, depth + 1);
      if (s.anyOf) return s.anyOf.forEach(function (b) { walk(b, value, path, depth + 1); });
      if ((s.format === 'int64' || s.format === 'uint64') && typeof value === 'number' && !Number.isSafeInteger(value)) unsafe.push(path + ' = ' + value);
      if (Array.isArray(value) && s.items) value.forEach(function (v, i) { walk(s.items, v, path + '/' + i, depth + 1); });
      if (s.properties && typeof value === 'object') Object.keys(s.properties).forEach(function (k) { walk(s.properties[k], value[k], path + '/' + k, depth + 1); });
    }
    walk(schema, response, '', 0);
    io.expect(unsafe, 'integers beyond 2^53 lose precision in JavaScript: ' + unsafe.join(', ')).to.eql([]);
  });

  var captures = pairs(meta('X-Contract-Capture'));
  if (captures.length > 0) {
    io.test(label + 'captures ' + captures.map(function (c) { return c[0]; }).join(', '), function () {
      captures.forEach(function (c) {
        var value = at(response, c[1]);
        io.expect(value, c[1] + ' (for {{' + c[0] + '}})').to.not.equal(undefined);
        io.capture(c[0], value);
      });
    });
  }

  var poll = pairs(meta('X-Contract-Poll'));
  if (poll.length > 0) {
    var settings = {};
    poll.slice(1).forEach(function (p) { settings[p[0]] = Number(p[1]); });
    var path = poll[0][0];
    var wanted = poll[0][1];
    var attempt = io.poll.attempt() + 1;
    var current = at(response, path);
    if (String(current) === wanted) {
      io.poll.record(0);
      io.test(label + path + ' reached ' + wanted + ' after ' + attempt + ' poll(s)', function () {});
    } else if (attempt < (settings.attempts || 1)) {
      io.poll.record(attempt);
      // Only a collection run repeats the request; a single Send ends here.
      io.test(label + path + ' is ' + current + ', not yet ' + wanted + ' (poll ' + attempt + ' of ' + settings.attempts + '): polling continues in the Collection Runner', function () {});
      io.poll.repeat(settings.delayMs || 0);
    } else {
      io.poll.record(0);
      io.test(label + path + ' reaches ' + wanted + ' within ' + attempt + ' polls', function () {
        io.expect(current, path + ' after ' + attempt + ' polls').to.equal(wanted);
      });
    }
  }
}
