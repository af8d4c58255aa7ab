// Flash recognition is not in the API 3.0 SDKs: curl, Node.js, and the speech SDKs' flash clients.
import type { Endpoint } from '../../model/surface-types.js';
import type { CodeSample } from '../types.js';
import { flashCall } from './call.js';
import { flashCurlSample } from './curl.js';
import { flashNodeSample } from './node.js';
import { flashGoSample, flashJavaSample, flashPythonSample } from './speech-sdks.js';

export function endpointSamples(e: Endpoint): CodeSample[] {
  const call = flashCall(e);
  if (!call) return [];
  return [flashNodeSample(call), flashPythonSample(call), flashGoSample(call), flashJavaSample(call), flashCurlSample(call)];
}
