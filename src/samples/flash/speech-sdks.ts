// Tencent's speech SDKs that ship a flash client: Python, Go and Java (tencentcloud-speech-sdk-*).
// Their request fields are the query parameters in each language's naming; the Java SDK spells
// one of them differently, so it has an override.
import { CREDENTIAL_ENV, type CodeSample } from '../types.js';
import { quoted } from '../literals.js';
import { camel, type FlashCall } from './call.js';

const JAVA_NAMES: Record<string, string> = { hotword_id: 'HotWordId' };

const literal = (v: string | number): string => (typeof v === 'number' ? String(v) : quoted(v));
// The SDKs take the engine in the request's constructor and every other option by setter.
const engineOf = (c: FlashCall): string | number => (c.endpoint.engineParameter ? (c.params[c.endpoint.engineParameter] ?? '') : '');
const rest = (c: FlashCall): [string, string | number][] => Object.entries(c.params).filter(([k]) => k !== c.endpoint.engineParameter);

export function flashPythonSample(c: FlashCall): CodeSample {
  const source = `# From a clone of tencentcloud-speech-sdk-python (it is not on PyPI): run beside its common/ and asr/ folders
import json
import os

from asr import flash_recognizer
from common import credential

cred = credential.Credential(os.environ[${quoted(CREDENTIAL_ENV.secretId)}], os.environ[${quoted(CREDENTIAL_ENV.secretKey)}])
recognizer = flash_recognizer.FlashRecognizer(os.environ[${quoted(CREDENTIAL_ENV.appId)}], cred)

req = flash_recognizer.FlashRecognitionRequest(${literal(engineOf(c))})
${rest(c).map(([k, v]) => `req.set_${k}(${literal(v)})`).join('\n')}
with open("audio.wav", "rb") as f:
    result = json.loads(recognizer.recognize(req, f.read()))
print(json.dumps(result, ensure_ascii=False, indent=2))
`;
  return { lang: 'Python', label: 'Python (speech SDK)', source };
}

export function flashGoSample(c: FlashCall): CodeSample {
  const source = `// go get github.com/tencentcloud/tencentcloud-speech-sdk-go
package main

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/tencentcloud/tencentcloud-speech-sdk-go/asr"
	"github.com/tencentcloud/tencentcloud-speech-sdk-go/common"
)

func main() {
	credential := common.NewCredential(os.Getenv(${quoted(CREDENTIAL_ENV.secretId)}), os.Getenv(${quoted(CREDENTIAL_ENV.secretKey)}))
	recognizer := asr.NewFlashRecognizer(os.Getenv(${quoted(CREDENTIAL_ENV.appId)}), credential)
	audio, err := os.ReadFile("audio.wav")
	if err != nil {
		panic(err)
	}
	req := new(asr.FlashRecognitionRequest)
${Object.entries(c.params).map(([k, v]) => `\treq.${camel(k)} = ${literal(v)}`).join('\n')}
	resp, err := recognizer.Recognize(req, audio)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	out, _ := json.MarshalIndent(resp, "", "  ")
	fmt.Println(string(out))
}
`;
  return { lang: 'Go', label: 'Go (speech SDK)', source };
}

export function flashJavaSample(c: FlashCall): CodeSample {
  const source = `// Maven: com.tencentcloudapi:tencentcloud-speech-sdk-java
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tencent.SpeechClient;
import com.tencent.asr.model.Credential;
import com.tencent.asr.model.FlashRecognitionRequest;
import com.tencent.asr.model.FlashRecognitionResponse;
import com.tencent.asr.service.FlashRecognizer;
import java.nio.file.Files;
import java.nio.file.Paths;

public class ${c.endpoint.name} {
    public static void main(String[] args) throws Exception {
        Credential credential = Credential.builder()
                .appid(System.getenv(${quoted(CREDENTIAL_ENV.appId)}))
                .secretId(System.getenv(${quoted(CREDENTIAL_ENV.secretId)}))
                .secretKey(System.getenv(${quoted(CREDENTIAL_ENV.secretKey)}))
                .build();
        FlashRecognizer recognizer = SpeechClient.newFlashRecognizer(credential.getAppid(), credential);
        FlashRecognitionRequest request = FlashRecognitionRequest.initialize();
${Object.entries(c.params).map(([k, v]) => `        request.set${JAVA_NAMES[k] ?? camel(k)}(${literal(v)});`).join('\n')}
        FlashRecognitionResponse response = recognizer.recognize(request, Files.readAllBytes(Paths.get("audio.wav")));
        System.out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(response));
    }
}
`;
  return { lang: 'Java', label: 'Java (speech SDK)', source };
}
