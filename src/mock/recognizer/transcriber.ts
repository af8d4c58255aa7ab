// A real recogniser the emulator can use instead of its canned passages (`--recognizer`), for the
// engines of one language and pcm at one sample rate.

export interface Transcript {
  text: string;
  words: { text: string; startMs: number; endMs: number }[];
}

export interface Transcriber {
  name: string;
  /** The transcript language (specs/emulator.yaml `languages`) of the engines it serves. */
  lang: string;
  /** The sample rate of the mono 16-bit WAV it takes. */
  sampleRate: number;
  transcribe(wav: Buffer): Promise<Transcript>;
}
