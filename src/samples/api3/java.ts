// Java: tencentcloud-sdk-java; the request is read from JSON with AbstractModel.fromJsonString.
import { CREDENTIAL_ENV, type CodeSample } from '../types.js';
import { quoted } from '../literals.js';
import type { Api3Call } from './call.js';

export function javaSample(c: Api3Call): CodeSample {
  const pkg = `com.tencentcloudapi.${c.service}.${c.versionPackage}`;
  const a = c.action.name;
  const source = `// Maven: com.tencentcloudapi:tencentcloud-sdk-java-${c.service}
import ${pkg}.${c.serviceClass}Client;
import ${pkg}.models.${a}Request;
import ${pkg}.models.${a}Response;
import com.tencentcloudapi.common.AbstractModel;
import com.tencentcloudapi.common.Credential;
import com.tencentcloudapi.common.profile.ClientProfile;
import com.tencentcloudapi.common.profile.HttpProfile;

public class ${a} {
    public static void main(String[] args) throws Exception {
        Credential cred = new Credential(System.getenv(${quoted(CREDENTIAL_ENV.secretId)}), System.getenv(${quoted(CREDENTIAL_ENV.secretKey)}));
        HttpProfile httpProfile = new HttpProfile();
        httpProfile.setEndpoint(${quoted(c.host)});
        ClientProfile clientProfile = new ClientProfile();
        clientProfile.setHttpProfile(httpProfile);
        ${c.serviceClass}Client client = new ${c.serviceClass}Client(cred, ${quoted(c.region)}, clientProfile);
        ${a}Request req = AbstractModel.fromJsonString(${quoted(JSON.stringify(c.params))}, ${a}Request.class);
        ${a}Response resp = client.${a}(req);
        System.out.println(AbstractModel.toJsonString(resp));
    }
}
`;
  return { lang: 'Java', label: 'Java', source };
}
