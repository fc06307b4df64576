import * as THREE from "three";
import { AvatarLayer } from "./avatar-layer.ts";
import { FollowCamera } from "./follow-camera.ts";
import { createGround } from "./ground.ts";
import { chooseRenderQuality, type QualityPreference } from "./render-quality.ts";
import type { WorldView } from "./world-view.ts";

/**
 * The Three.js view of a room: ground, grid and bounds, one avatar per entity, a camera following your own.
 * Draws whatever `view` holds when `frame(now)` is called; imports no network code. Resizes with its container.
 */
export class SceneRenderer {
  private readonly renderer: THREE.WebGLRenderer;
  private readonly scene = new THREE.Scene();
  private readonly followCamera = new FollowCamera();
  private readonly avatars: AvatarLayer;
  private readonly resizeObserver: ResizeObserver;
  private lastFrameAt: number | undefined;
  /** The frame rate this device's render quality asks the loop to stay under (undefined: the display's). */
  readonly maxFps: number | undefined;

  constructor(
    private readonly container: HTMLElement,
    private readonly view: WorldView,
    quality: QualityPreference = "auto",
  ) {
    const { antialias, maxPixelRatio, anisotropic, maxFps } = chooseRenderQuality(quality);
    this.maxFps = maxFps;
    this.renderer = new THREE.WebGLRenderer({ antialias, powerPreference: "high-performance" });
    this.renderer.setPixelRatio(Math.min(window.devicePixelRatio, maxPixelRatio));
    this.renderer.domElement.className = "scene-canvas";
    this.renderer.domElement.dataset.testid = "scene";
    container.appendChild(this.renderer.domElement);

    this.scene.background = new THREE.Color(0x9cc3d5);
    this.scene.fog = new THREE.Fog(0x9cc3d5, 45, 110);
    this.scene.add(new THREE.HemisphereLight(0xeaf4ff, 0x3a4a3a, 1.6));
    const sun = new THREE.DirectionalLight(0xffffff, 1.6);
    sun.position.set(20, 40, 10);
    this.scene.add(sun);
    this.scene.add(createGround(view.halfExtent, anisotropic ? this.renderer.capabilities.getMaxAnisotropy() : 1));
    this.avatars = new AvatarLayer(this.renderer);
    this.scene.add(this.avatars.root);

    this.resizeObserver = new ResizeObserver(() => this.resize());
    this.resizeObserver.observe(container);
    this.resize();
  }

  /** The canvas the scene is drawn on (pointer input over the scene listens here). */
  get canvas(): HTMLCanvasElement {
    return this.renderer.domElement;
  }

  /** The camera of the last frame (for picking what is under the pointer). */
  get camera(): THREE.Camera {
    return this.followCamera.camera;
  }

  /** The WebGL renderer (a feature layer that uploads textures of its own, e.g. a label atlas, needs it). */
  get webgl(): THREE.WebGLRenderer {
    return this.renderer;
  }

  /** Adds a feature's render layer to the scene; `dispose()` frees it with the rest. */
  addLayer(object: THREE.Object3D): void {
    this.scene.add(object);
  }

  /** Draws one frame of the current view at local time `now` (ms). */
  frame(now: number): void {
    const elapsed = this.lastFrameAt === undefined ? 0 : now - this.lastFrameAt;
    this.lastFrameAt = now;
    const self = this.avatars.sync(this.view, this.followCamera.camera.quaternion);
    this.followCamera.follow(self?.x ?? 0, self?.y ?? 0, elapsed);
    this.renderer.render(this.scene, this.followCamera.camera);
  }

  dispose(): void {
    this.resizeObserver.disconnect();
    this.avatars.dispose();
    this.scene.traverse((object) => {
      if (object instanceof THREE.Mesh || object instanceof THREE.Line) {
        object.geometry.dispose();
        const materials: THREE.Material[] = Array.isArray(object.material) ? object.material : [object.material];
        for (const material of materials) {
          if ("map" in material && material.map instanceof THREE.Texture) material.map.dispose();
          material.dispose();
        }
      }
    });
    this.scene.clear();
    this.renderer.dispose();
    // Browsers cap live WebGL contexts (~16): give this one back now rather than at garbage collection.
    this.renderer.forceContextLoss();
    this.renderer.domElement.remove();
  }

  private resize(): void {
    const width = Math.max(1, this.container.clientWidth);
    const height = Math.max(1, this.container.clientHeight);
    this.renderer.setSize(width, height, false);
    this.followCamera.resize(width, height);
  }
}
