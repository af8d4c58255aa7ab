// Shared by the signing scripts of both collections: the emitters put this file in front of each.
// What a request signs with: the timestamp (seconds) and the key. A negative case's disabled header
// X-Contract-Sign (`tweak`) names one of the suite's signing probes; how each signs badly comes from
// the contract data (signProbes, defined once in src/model/cases.ts), so the contract proxy can tell
// the suite's own probes from a client's real mistake. nowMs is the runner's clock.
function signProbe(contract, tweak, secretKey, nowMs) {
  var now = Math.floor(nowMs / 1000);
  if (!tweak) return { timestamp: now, secretKey: secretKey };
  var probe = contract.signProbes && contract.signProbes[tweak];
  if (!probe) throw new Error('X-Contract-Sign: ' + tweak + ' is not a signing probe in the collection variable contractSchemas: it is out of date, re-import the collection.');
  return { timestamp: now - probe.secondsBefore, secretKey: secretKey + probe.keySuffix };
}
