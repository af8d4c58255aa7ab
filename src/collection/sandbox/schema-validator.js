// Shared by the contract checks of both collections: the emitters put this file in front of them.
// The validator of one response schema (`name` is its action or endpoint), kept with the parsed
// contract (readContract's cache) for the rest of the run. A runner whose sandbox starts afresh for
// every script hands over a validator compiled at build time through io.precompiled(name) (Bruno:
// compiling a schema there costs more than the request itself); otherwise, or when that one cannot
// be loaded, the schema is compiled here with createAjv(). null when the contract has no schema.
function schemaValidator(io, name, schema) {
  var cached = io.contract;
  if (!schema) return null;
  if (cached.compiled[name]) return cached.compiled[name];
  var validate = (io.precompiled && io.precompiled(name)) || null;
  if (!validate) {
    cached.ajv = cached.ajv || createAjv();
    validate = cached.ajv.compile(schema);
  }
  cached.compiled[name] = validate;
  return validate;
}
