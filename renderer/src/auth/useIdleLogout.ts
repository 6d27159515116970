// Signs the window out after the site's idle time without a key, click or touch; the api ends the session on its
// side too, so a window left open and asleep is refused at its next command either way.
import { useEffect } from 'react';
import { useAuth } from './authStore';

const ACTIVITY = ['keydown', 'pointerdown', 'wheel', 'touchstart'] as const;

export function useIdleLogout(): void {
  const phase = useAuth((s) => s.phase);
  const idleMinutes = useAuth((s) => s.idleMinutes);
  useEffect(() => {
    if (phase !== 'signed-in') return;
    let last = Date.now();
    const touch = () => {
      last = Date.now();
    };
    for (const type of ACTIVITY) window.addEventListener(type, touch, { passive: true, capture: true });
    const timer = window.setInterval(() => {
      if (Date.now() - last > idleMinutes * 60_000)
        void useAuth.getState().signOut(`You were signed out after ${idleMinutes} minutes without activity; sign in again`);
    }, 15_000);
    return () => {
      window.clearInterval(timer);
      for (const type of ACTIVITY) window.removeEventListener(type, touch, { capture: true });
    };
  }, [phase, idleMinutes]);
}
