// The API 3.0 pipeline: method and size → request form → routing → authentication → scenario →
// parameters → behaviour. Returns the envelope to send; never throws.
import type { Model } from '../../model/types.js';
import type { ModelValidators } from '../../model/validators.js';
import { runBehaviourOn } from '../behaviour/run.js';
import { withDefaults } from '../defaults.js';
import { ApiError } from '../errors.js';
import type { EmulatorOptions } from '../options.js';
import type { Protocol } from '../protocol.js';
import { errorEnvelope, languageOf, successEnvelope, type Language } from '../respond.js';
import { parseScenario, SCENARIO_HEADER, ScenarioError } from '../scenario.js';
import type { Store } from '../state/store.js';
import { headerValue, type AuthContext } from './auth.js';
import { checkReferences, inspectAudioParams } from './audio-params.js';
import { authenticate, paramsOf, readForm, routeOf, type IncomingCall } from './stages.js';
import { validateParams } from './validate.js';

export interface Api3Deps {
  model: Model;
  protocol: Protocol;
  validators: ModelValidators;
  store: Store;
  options: EmulatorOptions;
}

export type { IncomingCall };

export interface Api3Result {
  body: Record<string, unknown>;
  delayMs: number;
  action?: string;
  code?: string;
}

export async function handleApi3(call: IncomingCall, deps: Api3Deps): Promise<Api3Result> {
  const { model, protocol, options } = deps;
  let lang: Language = languageOf(headerValue(call.headers, protocol.header('language')));
  let action: string | undefined;
  let delayMs = 0;
  try {
    const now = options.now();
    const ctx: AuthContext = { protocol, options, now };
    const form = readForm(call, deps);
    lang = form.lang;
    action = routeOf(form, call, deps);
    authenticate(form, call, ctx);
    const params = paramsOf(form, call, action, deps);

    const scenario = parseScenario(headerValue(call.headers, SCENARIO_HEADER), protocol.errorCodes);
    delayMs = scenario.latencyMs ?? 0;
    if (scenario.error) throw new ApiError(scenario.error);

    const spec = protocol.actions.get(action)!;
    validateParams(spec, params, deps.validators, protocol);
    checkReferences(spec, params, deps.store);
    const audio = await inspectAudioParams(model, spec, params, options.recognizer);
    const fields = runBehaviourOn(spec.emulator, spec.response, { params: withDefaults(spec.request, params), audio }, { model, store: deps.store, now: deps.store.now(), ...(options.stepMs !== undefined ? { stepMs: options.stepMs } : {}) });
    return { body: successEnvelope(model, fields), delayMs, action };
  } catch (e) {
    const error =
      e instanceof ApiError
        ? e
        : e instanceof ScenarioError
          ? new ApiError(protocol.code('invalid-parameter-value'), SCENARIO_HEADER, e.message)
          : internal(e, deps);
    return { body: errorEnvelope(model, error, lang), delayMs, ...(action ? { action } : {}), code: error.code };
  }
}

function internal(e: unknown, deps: Api3Deps): ApiError {
  deps.options.log(`internal error: ${(e as Error).stack ?? String(e)}`);
  return new ApiError(deps.protocol.code('internal-error'));
}
