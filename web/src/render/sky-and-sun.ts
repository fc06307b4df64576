import * as THREE from "three";

/** The horizon's colour: the fog fades to it, so the world's far edge melts into the sky. */
export const HORIZON = 0xbcd6e2;
const ZENITH = 0x5b93c7;
/** The sky dome's radius (m): inside the camera's far plane (300 m) from anywhere the camera is. */
const DOME_RADIUS = 240;
/** The sun's direction (from the ground towards it) and the area around the followed point its shadows cover. */
const SUN_DIRECTION = new THREE.Vector3(0.45, 1, 0.3).normalize();
const SHADOW_HALF_EXTENT = 22;
/**
 * 1024² shadow texels over 44 m: ~4 cm each, soft-filtered (PCF), enough for a person's and a wall's shadow; a
 * 2048² map would cost four times the fill for edges nobody looks at.
 */
const SHADOW_MAP_SIZE = 1024;

/**
 * The scene's light and sky: a gradient dome (sky blue overhead, pale at the horizon, one draw call, no texture), a
 * hemisphere light (sky above, grass bounce below) and a sun that follows the camera's target so its shadow map
 * always covers what is on screen. Shadows only where the device renders at high quality (render-quality.ts).
 */
export class SkyAndSun {
  readonly root = new THREE.Group();
  private readonly dome: THREE.Mesh | undefined;
  private readonly sun = new THREE.DirectionalLight(0xfff4e0, 2.2);

  /**
   * `full` (a device that renders at high quality): the dome and the sun's shadows. Otherwise the sky is the scene's
   * plain background colour: a software rasteriser would fill the dome behind the whole screen every frame.
   */
  constructor(full: boolean) {
    this.root.add(new THREE.HemisphereLight(0xdcebff, 0x4a5a3a, 1.25), this.sun, this.sun.target);
    if (full) {
      this.dome = new THREE.Mesh(skyGeometry(), new THREE.MeshBasicMaterial({ vertexColors: true, side: THREE.BackSide, fog: false, depthWrite: false }));
      // Drawn first, behind everything.
      this.dome.renderOrder = -1;
      this.root.add(this.dome);
      this.sun.castShadow = true;
      this.sun.shadow.mapSize.set(SHADOW_MAP_SIZE, SHADOW_MAP_SIZE);
      const camera = this.sun.shadow.camera;
      [camera.left, camera.right, camera.bottom, camera.top] = [-SHADOW_HALF_EXTENT, SHADOW_HALF_EXTENT, -SHADOW_HALF_EXTENT, SHADOW_HALF_EXTENT];
      [camera.near, camera.far] = [1, 120];
      this.sun.shadow.bias = -0.0005;
      this.sun.shadow.normalBias = 0.03;
      this.sun.shadow.radius = 3;
    }
  }

  /** Keeps the dome around the camera and the sun's shadows over ground point (x, z) in scene coordinates. */
  follow(cameraPosition: THREE.Vector3, x: number, z: number): void {
    this.dome?.position.copy(cameraPosition);
    this.sun.target.position.set(x, 0, z);
    this.sun.position.set(x + SUN_DIRECTION.x * 50, SUN_DIRECTION.y * 50, z + SUN_DIRECTION.z * 50);
  }

  dispose(): void {
    this.dome?.geometry.dispose();
    (this.dome?.material as THREE.Material | undefined)?.dispose();
    this.sun.dispose();
  }
}

/** A sphere coloured by height: zenith blue fading to the pale horizon, and the horizon colour below it. */
function skyGeometry(): THREE.BufferGeometry {
  const geometry = new THREE.SphereGeometry(DOME_RADIUS, 24, 12);
  const position = geometry.getAttribute("position");
  const colors = new Float32Array(position.count * 3);
  const [horizon, zenith, color] = [new THREE.Color(HORIZON), new THREE.Color(ZENITH), new THREE.Color()];
  for (let i = 0; i < position.count; i++) {
    const up = Math.max(0, position.getY(i) / DOME_RADIUS);
    color.lerpColors(horizon, zenith, Math.pow(up, 0.6)).toArray(colors, i * 3);
  }
  geometry.setAttribute("color", new THREE.BufferAttribute(colors, 3));
  return geometry;
}
