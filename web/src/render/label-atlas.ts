import * as THREE from "three";
import { drawNameLabel } from "./name-label.ts";

/** Label slot size in texels: crisp at the follow camera's distance on a 2× display. */
const SLOT_WIDTH = 256;
const SLOT_HEIGHT = 48;
const COLUMNS = 4;
/** World height of a label (m); its width follows the slot's aspect. */
const LABEL_HEIGHT_M = 0.5;

const VERTEX = /* glsl */ `
attribute vec2 slotOrigin;
attribute float labelOpacity;
uniform vec2 slotSize;
varying vec2 vUv;
varying float vOpacity;
void main() {
  vOpacity = labelOpacity;
  // The atlas is uploaded without a flip: canvas row 0 is v = 0, so the quad's top edge samples the slot's top.
  vUv = slotOrigin + vec2(uv.x, 1.0 - uv.y) * slotSize;
  gl_Position = projectionMatrix * modelViewMatrix * instanceMatrix * vec4(position, 1.0);
}`;

const FRAGMENT = /* glsl */ `
uniform sampler2D atlas;
varying vec2 vUv;
varying float vOpacity;
void main() {
  vec4 texel = texture2D(atlas, vUv);
  texel.a *= vOpacity;
  if (texel.a < 0.02) discard;
  gl_FragColor = texel;
}`;

/**
 * Every name label in one draw call: labels are drawn into slots of one atlas texture and shown by one instanced
 * quad per slot, facing the camera. A changed label re-uploads only its slot (texSubImage2D), never the atlas.
 */
export class LabelAtlas {
  readonly mesh: THREE.InstancedMesh;
  private readonly material: THREE.ShaderMaterial;
  private readonly atlas: THREE.CanvasTexture;
  private readonly slotCanvas = document.createElement("canvas");
  private readonly slotTexture: THREE.CanvasTexture;
  private readonly origins: THREE.InstancedBufferAttribute;
  /** Per-slot opacity (a label fading in or out with its avatar). */
  private readonly opacities: THREE.InstancedBufferAttribute;
  private readonly matrix = new THREE.Matrix4();
  private readonly position = new THREE.Vector3();
  private readonly scale = new THREE.Vector3(LABEL_HEIGHT_M * (SLOT_WIDTH / SLOT_HEIGHT), LABEL_HEIGHT_M, 1);
  private readonly hidden = new THREE.Matrix4().makeScale(0, 0, 0);
  private readonly origin = new THREE.Vector2();

  constructor(
    private readonly renderer: THREE.WebGLRenderer,
    readonly capacity: number,
  ) {
    const rows = Math.ceil(capacity / COLUMNS);
    const atlasCanvas = document.createElement("canvas");
    atlasCanvas.width = SLOT_WIDTH * COLUMNS;
    atlasCanvas.height = SLOT_HEIGHT * rows;
    this.atlas = new THREE.CanvasTexture(atlasCanvas);
    // Slots are written with texSubImage2D, which cannot rebuild mipmaps: sample level 0 only.
    this.atlas.generateMipmaps = false;
    this.atlas.minFilter = THREE.LinearFilter;
    this.atlas.flipY = false;
    // The shader writes texels straight to the (sRGB) output: keep them as authored.
    this.atlas.colorSpace = THREE.NoColorSpace;

    this.slotCanvas.width = SLOT_WIDTH;
    this.slotCanvas.height = SLOT_HEIGHT;
    this.slotTexture = new THREE.CanvasTexture(this.slotCanvas);
    this.slotTexture.flipY = false;

    const geometry = new THREE.PlaneGeometry(1, 1);
    this.origins = new THREE.InstancedBufferAttribute(new Float32Array(capacity * 2), 2);
    geometry.setAttribute("slotOrigin", this.origins);
    this.opacities = new THREE.InstancedBufferAttribute(new Float32Array(capacity).fill(1), 1);
    this.opacities.setUsage(THREE.DynamicDrawUsage);
    geometry.setAttribute("labelOpacity", this.opacities);
    const material = (this.material = new THREE.ShaderMaterial({
      vertexShader: VERTEX,
      fragmentShader: FRAGMENT,
      uniforms: { atlas: { value: this.atlas }, slotSize: { value: new THREE.Vector2(1 / COLUMNS, 1 / rows) } },
      transparent: true,
      depthTest: false,
      depthWrite: false,
    }));
    this.mesh = new THREE.InstancedMesh(geometry, material, capacity);
    this.mesh.frustumCulled = false;
    this.mesh.renderOrder = 10;
    for (let slot = 0; slot < capacity; slot++) {
      this.mesh.setMatrixAt(slot, this.hidden);
      this.origins.setXY(slot, (slot % COLUMNS) / COLUMNS, Math.floor(slot / COLUMNS) / rows);
    }
  }

  /** Draws a label into `slot` and uploads just that slot. */
  draw(slot: number, name: string, color: string, self: boolean): void {
    const context = this.slotCanvas.getContext("2d");
    if (!context) return;
    drawNameLabel(context, { x: 0, y: 0, width: SLOT_WIDTH, height: SLOT_HEIGHT }, name, color, self);
    this.origin.set((slot % COLUMNS) * SLOT_WIDTH, Math.floor(slot / COLUMNS) * SLOT_HEIGHT);
    this.renderer.copyTextureToTexture(this.slotTexture, this.atlas, null, this.origin);
  }

  /** Shows `slot`'s label centred at world point (x, height, z), facing the camera, `opacity` opaque. */
  place(slot: number, x: number, height: number, z: number, facing: THREE.Quaternion, opacity = 1): void {
    this.opacities.setX(slot, opacity);
    this.matrix.compose(this.position.set(x, height, z), facing, this.scale);
    this.mesh.setMatrixAt(slot, this.matrix);
  }

  hide(slot: number): void {
    this.mesh.setMatrixAt(slot, this.hidden);
  }

  /** Call once per frame after placing: draws and uploads only slots below `used` (one past the highest in use). */
  commit(used: number): void {
    this.mesh.count = used;
    this.mesh.instanceMatrix.clearUpdateRanges();
    this.mesh.instanceMatrix.addUpdateRange(0, used * 16);
    this.mesh.instanceMatrix.needsUpdate = true;
    this.opacities.clearUpdateRanges();
    this.opacities.addUpdateRange(0, used);
    this.opacities.needsUpdate = true;
  }

  dispose(): void {
    this.mesh.geometry.dispose();
    this.material.dispose();
    this.atlas.dispose();
    this.slotTexture.dispose();
    this.mesh.dispose();
  }
}
