// tccli, Tencent Cloud's command line: one flag per parameter, structures and lists as JSON.
import { CREDENTIAL_ENV, type CodeSample } from '../types.js';
import { shellWord } from '../literals.js';
import type { Api3Call } from './call.js';

export function tccliSample(c: Api3Call): CodeSample {
  const flags = Object.entries(c.params).map(([k, v]) => `--${k} ${shellWord(typeof v === 'string' ? v : JSON.stringify(v))}`);
  const lines = [`tccli ${c.service} ${c.action.name}`, `--region ${shellWord(c.region)}`, `--endpoint ${shellWord(c.host)}`, ...flags];
  const source = `# pip install tccli; it reads ${CREDENTIAL_ENV.secretId} and ${CREDENTIAL_ENV.secretKey} from the environment
${lines.join(' \\\n  ')}
`;
  return { lang: 'Shell', label: 'tccli', source };
}
