// Shared by the contract checks of both collections (the emitters put this file in front of them),
// and by the Bruno collection's precompiled validators (src/bruno/validators.ts), which carry it too:
// every format the contract's schemas use, defined once. newman 6's ajv 6 and the later sandboxes'
// ajv 8 (which no longer knows date-time) then check the same things.
function contractFormats() {
  // Patterns as functions: ajv 8 tells a RegExp by instanceof, which fails when ajv comes from another realm.
  function matching(re) {
    return { type: 'string', validate: function (s) { return re.test(s); } };
  }
  return {
    int64: { type: 'number', validate: function (n) { return Math.floor(n) === n; } },
    uint64: { type: 'number', validate: function (n) { return Math.floor(n) === n && n >= 0; } },
    float: { type: 'number', validate: function () { return true; } },
    byte: matching(/^[A-Za-z0-9+/]*={0,2}$/),
    // ajv 6's own date-time check, so that ajv 8 accepts exactly what ajv 6 does.
    'date-time': matching(/^\d\d\d\d-[0-1]\d-[0-3]\d[t\s](?:[0-2]\d:[0-5]\d:[0-5]\d|23:59:60)(?:\.\d+)?(?:z|[+-]\d\d(?::?\d\d)?)$/i),
  };
}
