// The generated OpenAPI and AsyncAPI documents a command checks traffic against (proxy, verify),
// or one line telling the user to build them.
import { OUTPUT_FILES } from '../outputs.js';
import { readDocuments } from '../proxy/context.js';
import { CliError } from './io.js';

export function documentsOrFail(root: string): ReturnType<typeof readDocuments> {
  try {
    return readDocuments(root);
  } catch {
    throw new CliError(`${OUTPUT_FILES.openapiJson} or ${OUTPUT_FILES.asyncapi} is missing or unreadable in ${root}; run \`asr-contract build\` first`);
  }
}
