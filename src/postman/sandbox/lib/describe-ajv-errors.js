// Shared by contract-tests.js and flash-tests.js: the emitter puts this file in front of each.
// One phrase per ajv 6 error, naming the JSON pointer and the rule that broke.
function describeAjvErrors(errors, root) {
  return (errors || [])
    .map(function (e) {
      if (e.keyword === 'required') return (e.dataPath || '') + '/' + e.params.missingProperty + ' is missing [required]';
      return (e.dataPath || root) + ' ' + e.message + ' [' + e.keyword + ']';
    })
    .join('; ');
}
