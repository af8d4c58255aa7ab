// curl, signed in the shell: the TC3-HMAC-SHA256 steps (canonical request, string to sign, derived
// key, signature) with openssl, so the sample depends on nothing but bash, openssl and curl.
import { TC3_ALGORITHM } from '../../signing/tc3.js';
import { CREDENTIAL_ENV, type CodeSample } from '../types.js';
import { shellWord } from '../literals.js';
import type { Api3Call } from './call.js';

export function curlSample(c: Api3Call): CodeSample {
  const signing = c.model.service.signing;
  const signed = [...signing.requiredSignedHeaders].sort();
  const values: Record<string, string> = { 'content-type': '$content_type', host: '$host' };
  const canonicalHeaders = signed.map((h) => `${h}:${values[h] ?? ''}`).join('\n');
  const h = c.headers;
  const source = `# bash + openssl + curl; the key pair comes from ${CREDENTIAL_ENV.secretId} / ${CREDENTIAL_ENV.secretKey}
host=${c.host} service=${signing.scopeService} content_type='application/json; charset=utf-8'
payload=${shellWord(JSON.stringify(c.params))}
timestamp=$(date +%s) day=$(date -u +%Y-%m-%d)
sha256() { openssl dgst -sha256 -hex | sed 's/^.*= //'; }
hmac() { openssl dgst -sha256 -mac HMAC -macopt "$1" -hex | sed 's/^.*= //'; }
canonical_request="POST
/

${canonicalHeaders}

${signed.join(';')}
$(printf %s "$payload" | sha256)"
scope="$day/$service/tc3_request"
string_to_sign="${TC3_ALGORITHM}
$timestamp
$scope
$(printf %s "$canonical_request" | sha256)"
key=$(printf %s "$day" | hmac "key:TC3$${CREDENTIAL_ENV.secretKey}")
key=$(printf %s "$service" | hmac "hexkey:$key")
key=$(printf tc3_request | hmac "hexkey:$key")
signature=$(printf %s "$string_to_sign" | hmac "hexkey:$key")
curl -sS "https://$host/" -d "$payload" \\
  -H "Authorization: ${TC3_ALGORITHM} Credential=$${CREDENTIAL_ENV.secretId}/$scope, SignedHeaders=${signed.join(';')}, Signature=$signature" \\
  -H "Content-Type: $content_type" -H "${h.action}: ${c.action.name}" -H "${h.version}: ${c.version}" \\
  -H "${h.timestamp}: $timestamp"${h.region ? ` -H "${h.region}: ${c.region}"` : ''}
`;
  return { lang: 'Shell', label: 'curl', source };
}
