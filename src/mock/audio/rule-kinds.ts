// Which sentence of specs/emulator.yaml `messages` names each broken audio rule.
import type { AudioRule } from '../../model/audio-types.js';

export const AUDIO_RULE_MESSAGES: Record<AudioRule, string> = {
  unreadable: 'audioUnreadable',
  format: 'audioFormat',
  duration: 'audioDuration',
  silence: 'audioSilence',
  length: 'audioLength',
  rate: 'audioRate',
};
