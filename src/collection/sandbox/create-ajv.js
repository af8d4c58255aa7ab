// Shared by the contract checks of both collections: the emitters put this file in front of them.
// One ajv set-up for every sandbox: newman 6's postman-sandbox has ajv 6; later Postman sandboxes and
// Bruno's safe sandbox have ajv 8, which is strict by default and no longer knows date-time. Not
// strict, and every format the contract's schemas use registered here, so both versions check the
// same things.
function createAjv() {
  var Ajv = require('ajv');
  Ajv = Ajv.default || Ajv;
  // jsonPointers is ajv 6's (errors as /a/0/b); ajv 8 always does that and ignores it with logger off.
  var ajv = new Ajv({ allErrors: true, strict: false, jsonPointers: true, logger: false });
  ajv.addFormat('int64', { type: 'number', validate: function (n) { return Math.floor(n) === n; } });
  ajv.addFormat('uint64', { type: 'number', validate: function (n) { return Math.floor(n) === n && n >= 0; } });
  ajv.addFormat('float', { type: 'number', validate: function () { return true; } });
  // Patterns as functions: ajv 8 tells a RegExp by instanceof, which fails when ajv comes from another realm.
  function matching(re) {
    return { type: 'string', validate: function (s) { return re.test(s); } };
  }
  ajv.addFormat('byte', matching(/^[A-Za-z0-9+/]*={0,2}$/));
  // ajv 6's own date-time check, so that ajv 8 accepts exactly what ajv 6 does.
  ajv.addFormat('date-time', matching(/^\d\d\d\d-[0-1]\d-[0-3]\d[t\s](?:[0-2]\d:[0-5]\d:[0-5]\d|23:59:60)(?:\.\d+)?(?:z|[+-]\d\d(?::?\d\d)?)$/i));
  return ajv;
}
