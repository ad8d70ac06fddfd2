import { useEffect, useState } from "react";
import type { LngLat } from "../../lib/map-crs";
import { useCurrentPosition } from "../cases/use-current-position";

/**
 * The phone's position for distances to stations: read at once when the phone already allows it,
 * otherwise when `findMe` is called (a button). `failed` says the last try found nothing.
 */
export function useMyPosition() {
  const { locating, locate } = useCurrentPosition();
  const [me, setMe] = useState<LngLat | null>(null);
  const [failed, setFailed] = useState(false);
  const findMe = () =>
    locate(
      (at) => {
        setMe(at);
        setFailed(false);
      },
      () => setFailed(true),
    );
  useEffect(() => {
    let live = true;
    navigator.permissions
      ?.query({ name: "geolocation" })
      .then((status) => {
        if (live && status.state === "granted") findMe();
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return { me, locating, failed, findMe };
}
