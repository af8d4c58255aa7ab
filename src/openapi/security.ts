// The TC3-HMAC-SHA256 scheme. OpenAPI has no type for request signing, so it is documented as an
// API key carried in the Authorization header, with the algorithm in the description.
import type { OpenAPIV3_1 } from 'openapi-types';
import type { Model } from '../model/types.js';

export const SECURITY_SCHEME = 'TC3-HMAC-SHA256';

export function securitySchemes(model: Model): Record<string, OpenAPIV3_1.SecuritySchemeObject> {
  return {
    [SECURITY_SCHEME]: {
      type: 'apiKey',
      in: 'header',
      name: 'Authorization',
      description: model.service.signing.description.trim(),
    },
  };
}
