// Shared by sign-tc3.js and sign-flash.js: the emitter puts this file in front of each.
// The key pair, from the selected environment only: the collection holds no credential, so no key
// lands in a file that is committed. bru.getVar would not see environment variables.
function brunoCredentials() {
  var secretId = bru.getEnvVar('secretId');
  var secretKey = bru.getEnvVar('secretKey');
  if (!secretId || !secretKey) {
    throw new Error('secretId and secretKey are empty: select the local or live environment, which holds them, or pass them with --env-var.');
  }
  return { secretId: String(secretId), secretKey: String(secretKey) };
}
