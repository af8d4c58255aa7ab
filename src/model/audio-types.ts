// The audio facts of the model: what a field, a request body or a WebSocket frame must hold to be
// accepted as audio, and which code each broken rule gets. Declared beside the parameter they
// constrain (an `audio:` block in specs/); the emulator enforces them and the documents show them.

/** The containers the emulator can tell apart by their bytes. */
export const CONTAINERS = ['wav', 'pcm', 'mp3', 'mp4', 'ogg', 'flac', 'amr', 'aac', 'silk', 'speex', 'flv', 'asf', 'opus-frames'] as const;
export type Container = (typeof CONTAINERS)[number];

export const AUDIO_RULES = ['unreadable', 'format', 'duration', 'silence', 'length', 'rate'] as const;
export type AudioRule = (typeof AUDIO_RULES)[number];

export interface AudioError {
  /** An API 3.0 error code, or a surface's numeric code as a string. */
  code: string;
  /** Why the emulator picked this code, where Tencent's documentation does not say. */
  choice?: string;
}

export interface AudioRules {
  formatParameter?: string;
  /** Accepted format (a formatParameter value, or a documented name) → container. */
  formats: Record<string, Container>;
  rateParameter?: string;
  /** Hz, when no parameter gives the rate. */
  sampleRate?: number;
  inputRateParameter?: string;
  lengthParameter?: string;
  maxSeconds?: number;
  errors: { unreadable: AudioError } & Partial<Record<AudioRule, AudioError>>;
}

export interface LocalText {
  'en-US': string;
  'zh-CN': string;
}
