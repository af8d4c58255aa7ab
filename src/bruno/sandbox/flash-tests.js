// Folder-level tests script of the flash recognition folders. Written for Bruno's API and its safe
// sandbox; loaded verbatim by the emitter after the shared checks (src/collection/sandbox/
// flash-checks.js), which it feeds through Bruno's API (lib/bruno-io.js).
(function flashTests() {
  var io = brunoIo();
  // No audio arrived: a file body that Bruno could not find.
  io.fileHint = function (file) {
    return 'the body is the file ' + file + ', which Bruno reads relative to the collection folder: keep it beside opencollection.yml';
  };
  flashChecks(io);
})();
