// Shared by the contract checks of both collections: the emitters put this file in front of them.
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
