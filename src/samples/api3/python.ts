// Python: tencentcloud-sdk-python, the request filled from JSON as the SDK's own examples do.
import { CREDENTIAL_ENV, type CodeSample } from '../types.js';
import { pythonLiteral, quoted } from '../literals.js';
import type { Api3Call } from './call.js';

export function pythonSample(c: Api3Call): CodeSample {
  const source = `# pip install tencentcloud-sdk-python-${c.service}
import json
import os

from tencentcloud.${c.service}.${c.versionPackage} import ${c.service}_client, models
from tencentcloud.common import credential
from tencentcloud.common.profile.client_profile import ClientProfile
from tencentcloud.common.profile.http_profile import HttpProfile

cred = credential.Credential(os.environ[${quoted(CREDENTIAL_ENV.secretId)}], os.environ[${quoted(CREDENTIAL_ENV.secretKey)}])
profile = ClientProfile(httpProfile=HttpProfile(endpoint=${quoted(c.host)}))
client = ${c.service}_client.${c.serviceClass}Client(cred, ${quoted(c.region)}, profile)

req = models.${c.action.name}Request()
req.from_json_string(json.dumps(${pythonLiteral(c.params)}))
print(client.${c.action.name}(req).to_json_string())
`;
  return { lang: 'Python', label: 'Python', source };
}
