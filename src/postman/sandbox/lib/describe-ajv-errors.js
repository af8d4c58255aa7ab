// Shared by contract-tests.js and flash-tests.js: the emitter puts this file in front of each.
// One phrase per ajv error, naming the JSON pointer and the rule that broke. ajv 8 calls the
// pointer instancePath, ajv 6 dataPath.
function describeAjvErrors(errors, root) {
  return (errors || [])
    .map(function (e) {
      var path = e.instancePath !== undefined ? e.instancePath : e.dataPath || '';
      if (e.keyword === 'required') return path + '/' + e.params.missingProperty + ' is missing [required]';
      return (path || root) + ' ' + e.message + ' [' + e.keyword + ']';
    })
    .join('; ');
}
