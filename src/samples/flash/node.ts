// Node.js 18+: fetch and node:crypto. No Tencent SDK has a Node.js flash client.
import { CREDENTIAL_ENV, type CodeSample } from '../types.js';
import type { FlashCall } from './call.js';

export function flashNodeSample(c: FlashCall): CodeSample {
  const params = Object.entries(c.params).map(([k, v]) => `  ${k}: ${JSON.stringify(String(v))},`);
  const source = `// Node.js 18 or later: fetch and node:crypto, no SDK
const { createHmac } = require("node:crypto");
const { readFileSync } = require("node:fs");

const host = ${JSON.stringify(c.host)};
const path = ${JSON.stringify(c.pathPrefix)} + process.env.${CREDENTIAL_ENV.appId};
const params = {
${params.join('\n')}
  ${c.secretIdParameter}: process.env.${CREDENTIAL_ENV.secretId},
  ${c.timestampParameter}: String(Math.floor(Date.now() / 1000)),
};
const sorted = Object.keys(params).sort();
const query = sorted.map((k) => \`\${k}=\${params[k]}\`).join("&");
const signature = createHmac("sha1", process.env.${CREDENTIAL_ENV.secretKey}).update(\`POST\${host}\${path}?\${query}\`).digest("base64");
const url = \`https://\${host}\${path}?\${new URLSearchParams(sorted.map((k) => [k, params[k]]))}\`;

fetch(url, { method: "POST", headers: { ${JSON.stringify(c.header)}: signature, "Content-Type": ${JSON.stringify(c.contentType)} }, body: readFileSync("audio.wav") })
  .then((res) => res.json())
  .then((body) => {
    console.log(JSON.stringify(body, null, 2));
    if (body.code !== 0) process.exitCode = 1;
  });
`;
  return { lang: 'JavaScript', label: 'Node.js', source };
}
