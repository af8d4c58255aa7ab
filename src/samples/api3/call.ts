// What every API 3.0 sample needs to know about one call, read from the model: the action, the
// service and version as the SDKs spell them in package names, the endpoint, and the example's
// parameters (the first example of the action, which the build has validated against its schema).
import { headerName, optionalHeaderName } from '../../model/roles.js';
import type { Action, Model } from '../../model/types.js';
import type { Json } from '../literals.js';

export interface Api3Call {
  action: Action;
  model: Model;
  /** `asr` */
  service: string;
  /** `Asr`, as in `TencentCloud\Asr\…` and `TencentCloud.Asr.…` */
  serviceClass: string;
  /** `2019-06-14` */
  version: string;
  /** `v20190614`, the version as the SDKs name their packages */
  versionPackage: string;
  host: string;
  region: string;
  /** The region header is optional in a contract (the service accepts calls without it). */
  headers: { action: string; version: string; timestamp: string; region?: string };
  params: Record<string, Json>;
}

export function api3Call(model: Model, action: Action): Api3Call {
  const s = model.service;
  return {
    action,
    model,
    service: s.service,
    serviceClass: s.service.charAt(0).toUpperCase() + s.service.slice(1),
    version: s.version,
    versionPackage: `v${s.version.replace(/-/g, '')}`,
    host: s.endpoints[0]!.host,
    region: s.defaultRegion,
    headers: { action: headerName(model, 'action'), version: headerName(model, 'version'), timestamp: headerName(model, 'timestamp'), region: optionalHeaderName(model, 'region') },
    params: (action.examples[0]?.request ?? {}) as Record<string, Json>,
  };
}
