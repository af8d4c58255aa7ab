// Which container a buffer holds, from its first bytes. Raw pcm has no signature, so it is never
// named here; the caller decides whether signature-less bytes may be pcm.
import type { Container } from '../../model/audio-types.js';

const ascii = (buf: Buffer, at: number, text: string): boolean => buf.length >= at + text.length && buf.toString('latin1', at, at + text.length) === text;
const ASF_GUID = Buffer.from('3026b2758e66cf11a6d900aa0062ce6c', 'hex');

export function sniffContainer(buf: Buffer): Container | undefined {
  if (ascii(buf, 0, 'RIFF') && ascii(buf, 8, 'WAVE')) return 'wav';
  if (ascii(buf, 4, 'ftyp')) return 'mp4';
  if (ascii(buf, 0, 'OggS')) return buf.subarray(0, 200).includes('Speex   ', 0, 'latin1') ? 'speex' : 'ogg';
  if (ascii(buf, 0, 'fLaC')) return 'flac';
  if (ascii(buf, 0, '#!AMR')) return 'amr';
  if (ascii(buf, 0, '#!SILK_V3') || (buf[0] === 0x02 && ascii(buf, 1, '#!SILK_V3'))) return 'silk';
  if (ascii(buf, 0, 'FLV') && buf[3] === 1) return 'flv';
  if (buf.length >= 16 && buf.subarray(0, 16).equals(ASF_GUID)) return 'asf';
  if (ascii(buf, 0, 'opus')) return 'opus-frames';
  if (ascii(buf, 0, 'ID3')) return 'mp3';
  if (buf.length >= 4 && buf[0] === 0xff && (buf[1]! & 0xe0) === 0xe0) {
    // Frame sync: layer bits 00 mark an AAC ADTS header, anything else an MPEG audio frame.
    return (buf[1]! & 0x06) === 0 ? 'aac' : 'mp3';
  }
  return undefined;
}

/** Printable ASCII and line breaks only: text someone sent by mistake, not pcm. */
export function looksLikeText(buf: Buffer): boolean {
  if (buf.length === 0) return false;
  for (const b of buf.subarray(0, 4096)) if (!(b === 0x09 || b === 0x0a || b === 0x0d || (b >= 0x20 && b < 0x7f))) return false;
  return true;
}
