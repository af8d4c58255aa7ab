// Go: tencentcloud-sdk-go. Tabs for indentation, as gofmt writes it.
import { CREDENTIAL_ENV, type CodeSample } from '../types.js';
import { quoted } from '../literals.js';
import type { Api3Call } from './call.js';

/** A raw string keeps the JSON readable; JSON with a backtick falls back to a quoted string. */
function goString(json: string): string {
  return json.includes('`') ? quoted(json) : `\`${json}\``;
}

export function goSample(c: Api3Call): CodeSample {
  const sdk = 'github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud';
  const source = `// go get ${sdk}/${c.service}
package main

import (
	"fmt"
	"os"

	${c.service} "${sdk}/${c.service}/${c.versionPackage}"
	"${sdk}/common"
	"${sdk}/common/profile"
)

func main() {
	credential := common.NewCredential(os.Getenv(${quoted(CREDENTIAL_ENV.secretId)}), os.Getenv(${quoted(CREDENTIAL_ENV.secretKey)}))
	cpf := profile.NewClientProfile()
	cpf.HttpProfile.Endpoint = ${quoted(c.host)}
	client, err := ${c.service}.NewClient(credential, ${quoted(c.region)}, cpf)
	if err != nil {
		panic(err)
	}
	request := ${c.service}.New${c.action.name}Request()
	if err := request.FromJsonString(${goString(JSON.stringify(c.params))}); err != nil {
		panic(err)
	}
	response, err := client.${c.action.name}(request)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(response.ToJsonString())
}
`;
  return { lang: 'Go', label: 'Go', source };
}
