// A code sample as Redoc and other OpenAPI tools read it from `x-codeSamples`: `lang` picks the
// syntax highlighting, `label` names the form (Node.js, tccli, curl, …) so readers can tell apart
// two samples in the same language.
export interface CodeSample {
  lang: string;
  label: string;
  source: string;
}

/** The environment variables every sample reads its credentials from: Tencent's SDKs and tccli use these names. */
export const CREDENTIAL_ENV = {
  secretId: 'TENCENTCLOUD_SECRET_ID',
  secretKey: 'TENCENTCLOUD_SECRET_KEY',
  appId: 'TENCENTCLOUD_APPID',
} as const;
