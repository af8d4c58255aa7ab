// Shared by the contract checks of both collections: the emitters put this file in front of them.
// A verdict needs evidence. readAnswer() returns { body } when the server answered with a JSON
// object that carries `member` (the API 3.0 envelope's `Response`, or flash's status field), and
// otherwise { problem }: what came back instead, in words, so the caller can record exactly one
// failing test and stop, rather than pass checks such as "no Response.Error" on nothing at all.
// `answer` is { code, text, contentType } as the runner's adapter read it, or null when no
// response arrived.
function readAnswer(answer, member) {
  // newman runs the test script even when the request failed; then there is no status code.
  if (!answer || typeof answer.code !== 'number' || answer.code <= 0) {
    return { problem: 'no response arrived: the request failed before the server answered (connection refused, DNS, TLS or a timeout; see the request error)' };
  }
  var text = answer.text || '';
  var type = answer.contentType || 'no Content-Type';
  var snippet = text.length > 160 ? JSON.stringify(text.slice(0, 160)) + '…' : JSON.stringify(text);
  var got = 'HTTP ' + answer.code + ' (' + type + ', ' + text.length + ' characters)';
  var body;
  try {
    body = JSON.parse(text);
  } catch (e) {
    return { problem: got + ' whose body is not JSON: ' + snippet };
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return { problem: got + ' whose body is not a JSON object: ' + snippet };
  if (member && !Object.prototype.hasOwnProperty.call(body, member)) return { problem: got + ' whose JSON has no ' + member + ': ' + snippet };
  return { body: body };
}
