import * as THREE from "three";

/** Camera offset from the followed point (m): above and behind, looking ~50° down; with a 40° field of view (less
 * stretching at the screen edges than wider lenses) it shows ~±13 m around you: the neighbourhood you can reach in
 * about two seconds. */
const OFFSET = new THREE.Vector3(0, 15, 12.5);
/** Follow lag time constant (ms): 120 ms smooths step jitter without the camera feeling tied on a rope. */
const FOLLOW_TAU_MS = 120;

/** A perspective camera that eases toward a ground point. */
export class FollowCamera {
  readonly camera = new THREE.PerspectiveCamera(40, 1, 1, 300);
  private readonly target = new THREE.Vector3();
  private readonly goal = new THREE.Vector3();
  private placed = false;

  /** Moves toward ground point (x, y), `elapsedMs` after the previous call. */
  follow(x: number, y: number, elapsedMs: number): void {
    const goal = this.goal.set(x, 0, -y);
    if (!this.placed) {
      this.target.copy(goal);
      this.placed = true;
    } else {
      this.target.lerp(goal, 1 - Math.exp(-Math.max(0, elapsedMs) / FOLLOW_TAU_MS));
    }
    this.camera.position.copy(this.target).add(OFFSET);
    this.camera.lookAt(this.target);
  }

  resize(width: number, height: number): void {
    this.camera.aspect = width / Math.max(1, height);
    this.camera.updateProjectionMatrix();
  }
}
