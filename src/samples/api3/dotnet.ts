// .NET: tencentcloud-sdk-dotnet (NuGet), as a C# program with top-level statements.
import { CREDENTIAL_ENV, type CodeSample } from '../types.js';
import { quoted } from '../literals.js';
import type { Api3Call } from './call.js';

export function dotnetSample(c: Api3Call): CodeSample {
  const ns = `TencentCloud.${c.serviceClass}.${c.versionPackage.toUpperCase()}`;
  const a = c.action.name;
  const source = `// dotnet add package TencentCloudSDK.${c.serviceClass}
using System;
using ${ns};
using ${ns}.Models;
using TencentCloud.Common;
using TencentCloud.Common.Profile;

var cred = new Credential
{
    SecretId = Environment.GetEnvironmentVariable(${quoted(CREDENTIAL_ENV.secretId)}),
    SecretKey = Environment.GetEnvironmentVariable(${quoted(CREDENTIAL_ENV.secretKey)}),
};
var profile = new ClientProfile { HttpProfile = new HttpProfile { Endpoint = ${quoted(c.host)} } };
var client = new ${c.serviceClass}Client(cred, ${quoted(c.region)}, profile);
var req = AbstractModel.FromJsonString<${a}Request>(${quoted(JSON.stringify(c.params))});
${a}Response resp = client.${a}Sync(req);
Console.WriteLine(AbstractModel.ToJsonString(resp));
`;
  return { lang: 'C#', label: '.NET', source };
}
