/** Plane geometry on [lng, lat] positions, shared by server and web. Pure TypeScript. */

/** Whether a point lies inside a ring (ray casting; the ring may be open or closed). */
export function pointInRing([x, y]: readonly [number, number], ring: ReadonlyArray<readonly [number, number]>): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
