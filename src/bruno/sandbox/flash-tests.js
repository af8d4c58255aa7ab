// Folder-level tests script of the flash recognition folders. Written for Bruno's API and its safe
// sandbox; loaded verbatim by the emitter after the shared checks (src/collection/sandbox/
// flash-checks.js), which it feeds through Bruno's API.
(function flashTests() {
  flashChecks({
    collection: 'generated/bruno/',
    test: function (name, fn) { test(name, fn); },
    expect: expect,
    header: function (name) { return req.headerList.get(name); },
    answer: brunoAnswer(),
    contract: readContract(bru.getCollectionVar('contractSchemas'), require('ajv')),
    // No audio arrived: a file body that Bruno could not find.
    fileHint: function (file) {
      return 'the body is the file ' + file + ', which Bruno reads relative to the collection folder: keep it beside opencollection.yml';
    },
  });
})();
