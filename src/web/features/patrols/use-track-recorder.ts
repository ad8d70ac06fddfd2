import { useCallback, useEffect, useRef, useState } from "react";
import { metresBetween } from "../../lib/distance";

export type TrackFix = [number, number, number];

const storageKey = (taskId: string) => `linli.patrols.track:${taskId}`;

/**
 * A GPS track recorded while walking (river patrols): fixes [lng, lat, ms] from watchPosition,
 * kept on the phone as they come so a reload or a closed tab does not lose the walk. The server
 * filters impossible points; the length shown here is only a first reading.
 */
export function useTrackRecorder(taskId: string) {
  const [fixes, setFixes] = useState<TrackFix[]>(() => {
    try {
      return JSON.parse(localStorage.getItem(storageKey(taskId)) ?? "[]") as TrackFix[];
    } catch {
      return [];
    }
  });
  const [recording, setRecording] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const watch = useRef<number | null>(null);

  useEffect(() => {
    try {
      if (fixes.length) localStorage.setItem(storageKey(taskId), JSON.stringify(fixes));
      else localStorage.removeItem(storageKey(taskId));
    } catch {
      // Storage full: the track stays in memory.
    }
  }, [fixes, taskId]);

  const stop = useCallback(() => {
    if (watch.current !== null) navigator.geolocation.clearWatch(watch.current);
    watch.current = null;
    setRecording(false);
  }, []);

  const start = useCallback(() => {
    if (!("geolocation" in navigator)) {
      setError("unsupported");
      return;
    }
    setError(null);
    setRecording(true);
    watch.current = navigator.geolocation.watchPosition(
      (pos) => setFixes((f) => [...f, [Math.round(pos.coords.longitude * 1e6) / 1e6, Math.round(pos.coords.latitude * 1e6) / 1e6, pos.timestamp]]),
      (err) => {
        setError(err.code === err.PERMISSION_DENIED ? "denied" : "unavailable");
        stop();
      },
      { enableHighAccuracy: true, maximumAge: 5000, timeout: 30_000 },
    );
  }, [stop]);

  useEffect(() => () => stop(), [stop]);

  const clear = useCallback(() => {
    stop();
    setFixes([]);
  }, [stop]);

  let meters = 0;
  for (let i = 1; i < fixes.length; i++) meters += metresBetween([fixes[i - 1][0], fixes[i - 1][1]], [fixes[i][0], fixes[i][1]]);
  const seconds = fixes.length > 1 ? Math.round((fixes[fixes.length - 1][2] - fixes[0][2]) / 1000) : 0;
  return { fixes, recording, error, start, stop, clear, meters: Math.round(meters), seconds };
}

/** The phone's position now, or null when it cannot tell within a few seconds. */
export function currentPosition(timeoutMs = 4000): Promise<[number, number] | null> {
  if (!("geolocation" in navigator)) return Promise.resolve(null);
  return new Promise((resolve) => {
    const timer = window.setTimeout(() => resolve(null), timeoutMs + 500);
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        window.clearTimeout(timer);
        resolve([Math.round(pos.coords.longitude * 1e6) / 1e6, Math.round(pos.coords.latitude * 1e6) / 1e6]);
      },
      () => {
        window.clearTimeout(timer);
        resolve(null);
      },
      { enableHighAccuracy: true, maximumAge: 60_000, timeout: timeoutMs },
    );
  });
}
