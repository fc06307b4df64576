import * as THREE from "three";

/** A point in a container's CSS pixels (origin top left, +y down). */
export interface ScreenPoint {
  x: number;
  y: number;
}

/**
 * Projects world points to the CSS pixels of the element the scene fills, for DOM laid over it (speech bubbles,
 * damage numbers). The element's size is cached from a ResizeObserver: reading clientWidth each frame, after
 * writing transforms, would force a layout per frame.
 */
export class ScreenProjector {
  private readonly point = new THREE.Vector3();
  private width = 1;
  private height = 1;
  private readonly resizeObserver: ResizeObserver;

  constructor(private readonly container: HTMLElement) {
    this.resizeObserver = new ResizeObserver(() => this.measure());
    this.resizeObserver.observe(container);
    this.measure();
  }

  /**
   * Ground point (x, y) at `height` m (the scene draws it at (x, height, -y)) seen through `camera`, written to `out`
   * (unrounded px). True when it lies in front of the camera and at most `margin` (in NDC, where the screen is
   * -1..1) outside the view.
   */
  project(x: number, y: number, height: number, camera: THREE.Camera, out: ScreenPoint, margin = 0): boolean {
    const ndc = this.point.set(x, height, -y).project(camera);
    out.x = ((ndc.x + 1) / 2) * this.width;
    out.y = ((1 - ndc.y) / 2) * this.height;
    return ndc.z < 1 && Math.abs(ndc.x) < 1 + margin && Math.abs(ndc.y) < 1 + margin;
  }

  dispose(): void {
    this.resizeObserver.disconnect();
  }

  private measure(): void {
    this.width = Math.max(1, this.container.clientWidth);
    this.height = Math.max(1, this.container.clientHeight);
  }
}
