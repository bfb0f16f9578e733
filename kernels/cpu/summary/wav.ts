/**
 * A 16-bit PCM WAV file (RIFF, 44-byte header) of interleaved float samples: each sample times
 * 2^15, rounded half away from zero and clamped to int16, as TF's wav encoder does.
 */
export function encodeWav16(samples: ArrayLike<number>, sampleRate: number, channels: number): Uint8Array {
  const dataBytes = samples.length * 2;
  const out = new Uint8Array(44 + dataBytes);
  const view = new DataView(out.buffer);
  const ascii = (at: number, text: string) => { for (let i = 0; i < text.length; i++) out[at + i] = text.charCodeAt(i); };
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + dataBytes, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true); // fmt chunk size
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, channels, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * channels * 2, true); // bytes per second
  view.setUint16(32, channels * 2, true); // bytes per frame
  view.setUint16(34, 16, true); // bits per sample
  ascii(36, 'data');
  view.setUint32(40, dataBytes, true);
  for (let i = 0; i < samples.length; i++) {
    const scaled = samples[i] * 32768;
    const rounded = Math.sign(scaled) * Math.round(Math.abs(scaled));
    view.setInt16(44 + i * 2, Math.max(-32768, Math.min(32767, rounded)), true);
  }
  return out;
}
