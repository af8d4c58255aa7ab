// What checking an exchange needs, built once per proxy or verify run: the model and its
// validators, the OpenAPI and AsyncAPI documents of the contract in use (generated/), the key pairs
// a client may sign with, and the redactor every output goes through.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Model } from '../model/types.js';
import { ModelValidators } from '../model/validators.js';
import { optionsFromEnv, type EmulatorOptions } from '../mock/options.js';
import { Protocol } from '../mock/protocol.js';
import { OUTPUT_FILES } from '../outputs.js';
import { DocumentValidators } from '../runner/verify.js';
import { Redactor } from './redact.js';

export interface CheckContext {
  model: Model;
  protocol: Protocol;
  validators: ModelValidators;
  openapi: DocumentValidators;
  asyncapi: DocumentValidators;
  /** The key pairs a client may sign with (the local pair, and TENCENTCLOUD_* when set), strict as the service. */
  accepts: EmulatorOptions;
  /** Requests signed with this SecretId must carry this X-TC-Token (TENCENTCLOUD_TOKEN). */
  tokenFor?: { secretId: string; token: string };
  redactor: Redactor;
}

/** The generated documents of the contract in `root`; a missing one is the user's to build. */
export function readDocuments(root: string): { openapi: DocumentValidators; asyncapi: DocumentValidators } {
  const openapi = JSON.parse(readFileSync(join(root, OUTPUT_FILES.openapiJson), 'utf8')) as Record<string, unknown>;
  const asyncapi = parseYaml(readFileSync(join(root, OUTPUT_FILES.asyncapi), 'utf8')) as Record<string, unknown>;
  return { openapi: new DocumentValidators(openapi), asyncapi: new DocumentValidators(asyncapi) };
}

export function checkContext(model: Model, documents: ReturnType<typeof readDocuments>, env: NodeJS.ProcessEnv, now: () => number = Date.now): CheckContext {
  const accepts = optionsFromEnv(model, env, { now, token: undefined });
  delete accepts.token;
  const pair = env.TENCENTCLOUD_SECRET_ID && env.TENCENTCLOUD_SECRET_KEY ? env.TENCENTCLOUD_SECRET_ID : undefined;
  return {
    model,
    protocol: new Protocol(model),
    validators: ModelValidators.for(model),
    ...documents,
    accepts,
    ...(pair && env.TENCENTCLOUD_TOKEN ? { tokenFor: { secretId: pair, token: env.TENCENTCLOUD_TOKEN } } : {}),
    redactor: new Redactor(
      accepts.credentials.map((c) => c.secretId),
      [...accepts.credentials.map((c) => c.secretKey), ...(env.TENCENTCLOUD_TOKEN ? [env.TENCENTCLOUD_TOKEN] : [])],
    ),
  };
}
