// PHP: tencentcloud-sdk-php (Composer), the parameters as a PHP array.
import { CREDENTIAL_ENV, type CodeSample } from '../types.js';
import { phpLiteral, phpString } from '../literals.js';
import type { Api3Call } from './call.js';

export function phpSample(c: Api3Call): CodeSample {
  const ns = `TencentCloud\\${c.serviceClass}\\${c.versionPackage.toUpperCase()}`;
  const source = `<?php
// composer require tencentcloud/${c.service}
require_once 'vendor/autoload.php';

use ${ns}\\${c.serviceClass}Client;
use ${ns}\\Models\\${c.action.name}Request;
use TencentCloud\\Common\\Credential;
use TencentCloud\\Common\\Profile\\ClientProfile;
use TencentCloud\\Common\\Profile\\HttpProfile;

$cred = new Credential(getenv(${phpString(CREDENTIAL_ENV.secretId)}), getenv(${phpString(CREDENTIAL_ENV.secretKey)}));
$httpProfile = new HttpProfile();
$httpProfile->setEndpoint(${phpString(c.host)});
$clientProfile = new ClientProfile();
$clientProfile->setHttpProfile($httpProfile);
$client = new ${c.serviceClass}Client($cred, ${phpString(c.region)}, $clientProfile);

$req = new ${c.action.name}Request();
$req->fromJsonString(json_encode(${phpLiteral(c.params)}));
echo $client->${c.action.name}($req)->toJsonString(), PHP_EOL;
`;
  return { lang: 'PHP', label: 'PHP', source };
}
