// The nine forms every API 3.0 operation is shown in: the seven official SDKs, tccli and curl.
import type { Action, Model } from '../../model/types.js';
import type { CodeSample } from '../types.js';
import { api3Call } from './call.js';
import { cppSample } from './cpp.js';
import { curlSample } from './curl.js';
import { dotnetSample } from './dotnet.js';
import { goSample } from './go.js';
import { javaSample } from './java.js';
import { nodeSample } from './node.js';
import { phpSample } from './php.js';
import { pythonSample } from './python.js';
import { tccliSample } from './tccli.js';

const FORMS = [nodeSample, pythonSample, goSample, javaSample, phpSample, dotnetSample, cppSample, tccliSample, curlSample];

export function actionSamples(model: Model, action: Action): CodeSample[] {
  const call = api3Call(model, action);
  return FORMS.map((form) => form(call));
}
