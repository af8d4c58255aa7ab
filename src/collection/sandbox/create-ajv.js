// Shared by the contract checks of both collections: the emitters put this file in front of them,
// after contract-formats.js. One ajv set-up for every sandbox: newman 6's postman-sandbox has ajv 6;
// later Postman sandboxes and Bruno's safe sandbox have ajv 8, which is strict by default. Not
// strict, and every format the contract's schemas use registered, so both versions check the same
// things. The Bruno collection's validators are compiled at build time by this very function.
function createAjv() {
  var Ajv = require('ajv');
  Ajv = Ajv.default || Ajv;
  // jsonPointers is ajv 6's (errors as /a/0/b); ajv 8 always does that and ignores it with logger off.
  var ajv = new Ajv({ allErrors: true, strict: false, jsonPointers: true, logger: false });
  var formats = contractFormats();
  Object.keys(formats).forEach(function (name) { ajv.addFormat(name, formats[name]); });
  return ajv;
}
