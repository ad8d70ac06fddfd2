import { useState } from "react";
import type { LngLat } from "./types";

export type PositionFailure = "denied" | "unavailable";

/**
 * Asks the browser for the device's position. Refusal, a timeout or a browser without it
 * (plain http outside localhost) end in `onFailure`, so that the page can offer the map instead.
 */
export function useCurrentPosition() {
  const [locating, setLocating] = useState(false);
  const locate = (onFound: (at: LngLat, accuracy: number) => void, onFailure: (why: PositionFailure) => void) => {
    if (!("geolocation" in navigator)) {
      onFailure("unavailable");
      return;
    }
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setLocating(false);
        onFound([round(pos.coords.longitude), round(pos.coords.latitude)], pos.coords.accuracy);
      },
      (err) => {
        setLocating(false);
        onFailure(err.code === err.PERMISSION_DENIED ? "denied" : "unavailable");
      },
      { enableHighAccuracy: true, timeout: 10_000, maximumAge: 60_000 },
    );
  };
  return { locating, locate };
}

const round = (v: number) => Math.round(v * 1e6) / 1e6;
