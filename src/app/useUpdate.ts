import { useEffect, useRef, useState } from 'react';
import { registerSW } from 'virtual:pwa-register';

/**
 * Registers the offline service worker (production builds served over http(s) only) and reports when a
 * new version of the app is waiting. The update is applied only when the user asks, so an analysis in
 * progress is never swapped for a new version under their feet.
 */
export function useUpdate(): { waiting: boolean; apply: () => void } {
  const [waiting, setWaiting] = useState(false);
  const update = useRef<((reload?: boolean) => Promise<void>) | null>(null);
  useEffect(() => {
    if (!import.meta.env.PROD || !('serviceWorker' in navigator) || !location.protocol.startsWith('http')) return;
    update.current = registerSW({
      immediate: true,
      onNeedRefresh: () => setWaiting(true),
    });
  }, []);
  return { waiting, apply: () => void update.current?.(true) };
}
