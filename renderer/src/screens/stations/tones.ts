// The station's sounds (UX.md): a short high tone when a scan is accepted, a low double tone when it is refused.
// Made with Web Audio, so there is no sound file to ship; silent where audio is not available.
export type Tone = 'accepted' | 'refused';

const shapes: Record<Tone, { hz: number; ms: number; gapMs: number; count: number }> = {
  accepted: { hz: 1320, ms: 110, gapMs: 0, count: 1 },
  refused: { hz: 220, ms: 170, gapMs: 90, count: 2 },
};

let audio: AudioContext | null = null;

export function playTone(tone: Tone): void {
  // Marked on the page too, so a test (or a curious engineer) can see which tone the last scan played.
  document.documentElement.dataset.lastTone = tone;
  try {
    audio ??= new AudioContext();
    const { hz, ms, gapMs, count } = shapes[tone];
    let at = audio.currentTime;
    for (let i = 0; i < count; i++) {
      const oscillator = audio.createOscillator();
      const gain = audio.createGain();
      oscillator.type = 'square';
      oscillator.frequency.value = hz;
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(0.2, at + 0.01);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + ms / 1000);
      oscillator.connect(gain).connect(audio.destination);
      oscillator.start(at);
      oscillator.stop(at + ms / 1000);
      at += (ms + gapMs) / 1000;
    }
  } catch {
    // No audio device: the banner still answers.
  }
}
