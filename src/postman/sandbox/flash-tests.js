// Folder-level test script of the flash recognition folders. Runs unchanged in Newman 6, the Postman
// CLI and the Postman app; loaded verbatim by the emitter after the shared checks
// (src/collection/sandbox/flash-checks.js), which it feeds through Postman's API (lib/postman-io.js).
(function flashTests() {
  var io = postmanIo();
  // No audio arrived: in the Postman app that is a file body it could not find.
  io.fileHint = function (file) {
    return 'the body is the file ' + file + ', which Postman reads relative to its working directory: set Settings → General → Working directory to a checkout of asr-contract';
  };
  flashChecks(io);
})();
