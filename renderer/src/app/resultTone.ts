// The short sound that answers an action: a high tone when accepted, a low double tone when refused.
let context: AudioContext | null = null;

function beep(audio: AudioContext, frequency: number, start: number, duration: number): void {
  const oscillator = audio.createOscillator();
  const gain = audio.createGain();
  oscillator.frequency.value = frequency;
  oscillator.type = 'sine';
  gain.gain.setValueAtTime(0.0001, start);
  gain.gain.exponentialRampToValueAtTime(0.25, start + 0.01);
  gain.gain.exponentialRampToValueAtTime(0.0001, start + duration);
  oscillator.connect(gain).connect(audio.destination);
  oscillator.start(start);
  oscillator.stop(start + duration + 0.02);
}

export function playResultTone(result: 'accepted' | 'refused'): void {
  try {
    context ??= new AudioContext();
    const now = context.currentTime;
    if (result === 'accepted') beep(context, 1320, now, 0.12);
    else {
      beep(context, 330, now, 0.12);
      beep(context, 330, now + 0.18, 0.12);
    }
  } catch {
    // No audio device: the banner still answers.
  }
}
