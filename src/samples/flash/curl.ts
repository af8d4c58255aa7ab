// curl, signed in the shell: HMAC-SHA1 over POST + host + path + "?" + the sorted raw query, Base64.
import { CREDENTIAL_ENV, type CodeSample } from '../types.js';
import { shellWord } from '../literals.js';
import type { FlashCall } from './call.js';

export function flashCurlSample(c: FlashCall): CodeSample {
  const own = Object.entries(c.params).map(([k, v]): [string, string] => [k, String(v)]);
  const all: [string, string][] = [...own, [c.secretIdParameter, `$${CREDENTIAL_ENV.secretId}`], [c.timestampParameter, '$timestamp']];
  all.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  // Signed raw, sent percent-encoded; the example's values need no encoding, and a value that did would be encoded in the URL only.
  const raw = all.map(([k, v]) => `${k}=${v}`).join('&');
  const sent = all.map(([k, v]) => `${k}=${v.startsWith('$') ? v : encodeURIComponent(v)}`).join('&');
  const source = `# bash + openssl + curl; ${CREDENTIAL_ENV.secretId} / ${CREDENTIAL_ENV.secretKey} and ${CREDENTIAL_ENV.appId} from the environment
host=${c.host} path=${c.pathPrefix}$${CREDENTIAL_ENV.appId} timestamp=$(date +%s)
query="${raw}"
signature=$(printf %s "POST$host$path?$query" | openssl dgst -sha1 -hmac "$${CREDENTIAL_ENV.secretKey}" -binary | base64)
curl -sS "https://$host$path?${raw === sent ? '$query' : sent}" \\
  -H "${c.header}: $signature" -H ${shellWord(`Content-Type: ${c.contentType}`)} --data-binary @audio.wav
`;
  return { lang: 'Shell', label: 'curl', source };
}
