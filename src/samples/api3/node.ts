// Node.js: the official tencentcloud-sdk-nodejs-<service> client.
import { CREDENTIAL_ENV, type CodeSample } from '../types.js';
import type { Api3Call } from './call.js';

export function nodeSample(c: Api3Call): CodeSample {
  const pkg = `tencentcloud-sdk-nodejs-${c.service}`;
  const source = `// npm install ${pkg}
const { ${c.service} } = require(${JSON.stringify(pkg)});

const client = new ${c.service}.${c.versionPackage}.Client({
  credential: { secretId: process.env.${CREDENTIAL_ENV.secretId}, secretKey: process.env.${CREDENTIAL_ENV.secretKey} },
  region: ${JSON.stringify(c.region)},
  profile: { httpProfile: { endpoint: ${JSON.stringify(c.host)} } },
});

client.${c.action.name}(${JSON.stringify(c.params, null, 2)}).then(
  (data) => console.log(JSON.stringify(data, null, 2)),
  (err) => {
    console.error(err);
    process.exitCode = 1;
  },
);
`;
  return { lang: 'JavaScript', label: 'Node.js', source };
}
