// Shared by every sandbox script of both collections: the emitters put this file in front of each.
// The contract data (the collection variable contractSchemas), parsed once per run instead of once
// per script per request. `raw` is the variable's text, read by the caller through its runner's API.
// The parsed contract (and whatever a script compiles from it) is kept on `holder`, a library module
// the script requires anyway: postman-sandbox resets a script's globals between requests but keeps
// its modules. It is reused only for the very same text, so a re-imported collection is read afresh,
// and where a sandbox keeps nothing every request simply parses again. `contract` is null when the
// text is not JSON; the caller reports that.
function readContract(raw, holder) {
  raw = raw || '';
  var cache = holder && holder.__asrContract;
  if (cache && cache.raw === raw) return cache;
  var contract = null;
  try {
    contract = JSON.parse(raw || '{}');
  } catch (e) {
    contract = null;
  }
  cache = { raw: raw, contract: contract, compiled: {} };
  try {
    if (holder) holder.__asrContract = cache;
  } catch (e) {
    // a frozen module keeps nothing: every request parses
  }
  return cache;
}
