import L from "leaflet";

/** The colour ramp of the heat, from few reports to many (also drawn in the legend). */
export const HEAT_STOPS: Array<[number, string]> = [
  [0, "#3288bd"],
  [0.3, "#66c2a5"],
  [0.5, "#abdda4"],
  [0.65, "#fee08b"],
  [0.8, "#fdae61"],
  [1, "#d53e4f"],
];

/** A CSS gradient of the ramp, for the legend. */
export const HEAT_GRADIENT = `linear-gradient(90deg, ${HEAT_STOPS.map(([at, colour]) => `${colour} ${at * 100}%`).join(", ")})`;

/** The ramp as 256 RGB triples, read once from a 256 × 1 canvas gradient. */
function palette(): Uint8ClampedArray {
  const canvas = document.createElement("canvas");
  canvas.width = 256;
  canvas.height = 1;
  const ctx = canvas.getContext("2d")!;
  const gradient = ctx.createLinearGradient(0, 0, 256, 0);
  for (const [at, colour] of HEAT_STOPS) gradient.addColorStop(at, colour);
  ctx.fillStyle = gradient;
  ctx.fillRect(0, 0, 256, 1);
  return ctx.getImageData(0, 0, 256, 1).data;
}

/** How far a report spreads on the ground, in metres, bounded on screen. */
const SPREAD_METRES = 90;
const MIN_RADIUS = 14;
const MAX_RADIUS = 90;
/** The weight of one report: about four reports at one spot reach the top of the ramp. */
const WEIGHT = 0.26;

/**
 * A heat layer on one canvas over the map, drawn again after every move: each report adds a
 * gaussian blob of alpha (additive), and the summed alpha is coloured through the ramp. The canvas
 * takes no clicks.
 */
export class HeatLayer extends L.Layer {
  private canvas: HTMLCanvasElement | null = null;
  private colours: Uint8ClampedArray | null = null;

  constructor(private points: L.LatLng[]) {
    super();
  }

  setPoints(points: L.LatLng[]): this {
    this.points = points;
    this.redraw();
    return this;
  }

  onAdd(map: L.Map): this {
    this.canvas = L.DomUtil.create("canvas", "ll-heat-canvas leaflet-zoom-hide");
    map.getPanes().overlayPane.appendChild(this.canvas);
    map.on("moveend zoomend resize viewreset", this.redraw, this);
    this.redraw();
    return this;
  }

  onRemove(map: L.Map): this {
    map.off("moveend zoomend resize viewreset", this.redraw, this);
    this.canvas?.remove();
    this.canvas = null;
    return this;
  }

  private redraw(): void {
    const map = this._map;
    const canvas = this.canvas;
    if (!map || !canvas) return;
    const size = map.getSize();
    if (size.x === 0 || size.y === 0) return;
    canvas.width = size.x;
    canvas.height = size.y;
    canvas.style.width = `${size.x}px`;
    canvas.style.height = `${size.y}px`;
    L.DomUtil.setPosition(canvas, map.containerPointToLayerPoint([0, 0]));
    const ctx = canvas.getContext("2d", { willReadFrequently: true });
    if (!ctx) return;
    ctx.clearRect(0, 0, size.x, size.y);

    // Metres per pixel at the centre of the view.
    const centre = map.getCenter();
    const p = map.latLngToContainerPoint(centre);
    const metresPerPixel = centre.distanceTo(map.containerPointToLatLng([p.x + 100, p.y])) / 100 || 1;
    const radius = Math.max(MIN_RADIUS, Math.min(MAX_RADIUS, SPREAD_METRES / metresPerPixel));

    ctx.globalCompositeOperation = "lighter";
    let drawn = 0;
    for (const at of this.points) {
      const { x, y } = map.latLngToContainerPoint(at);
      if (x < -radius || y < -radius || x > size.x + radius || y > size.y + radius) continue;
      const blob = ctx.createRadialGradient(x, y, 0, x, y, radius);
      // exp(-3 d²): a gaussian cut at the radius.
      for (let i = 0; i <= 5; i++) {
        const d = i / 5;
        blob.addColorStop(d, `rgba(0,0,0,${(WEIGHT * Math.exp(-3 * d * d) * (1 - d * d * d)).toFixed(4)})`);
      }
      ctx.fillStyle = blob;
      ctx.fillRect(x - radius, y - radius, radius * 2, radius * 2);
      drawn++;
    }
    if (drawn === 0) return;

    this.colours ??= palette();
    const image = ctx.getImageData(0, 0, size.x, size.y);
    const data = image.data;
    for (let i = 0; i < data.length; i += 4) {
      const alpha = data[i + 3];
      if (alpha === 0) continue;
      const c = alpha * 4;
      data[i] = this.colours[c];
      data[i + 1] = this.colours[c + 1];
      data[i + 2] = this.colours[c + 2];
      // Faint edges fade out; the hottest spots stay see-through enough to read the map.
      data[i + 3] = alpha < 6 ? 0 : Math.min(210, 70 + alpha * 1.2);
    }
    ctx.globalCompositeOperation = "source-over";
    ctx.putImageData(image, 0, 0);
    canvas.dataset.drawn = String(drawn);
  }
}
