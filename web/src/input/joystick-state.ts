import { InputBit } from "@edgehold/sim-core";

/**
 * The on-screen joystick's deflection, x right and y up, each −1…1. The sim takes 8 directions, so each axis past
 * the dead zone counts as that key held; 0.35 lets a thumb hold a clean straight line without drifting diagonal.
 */
export const JOYSTICK_DEAD_ZONE = 0.35;

export class JoystickState {
  x = 0;
  y = 0;

  bits(): number {
    let bits = 0;
    if (this.x > JOYSTICK_DEAD_ZONE) bits |= InputBit.right;
    if (this.x < -JOYSTICK_DEAD_ZONE) bits |= InputBit.left;
    if (this.y > JOYSTICK_DEAD_ZONE) bits |= InputBit.up;
    if (this.y < -JOYSTICK_DEAD_ZONE) bits |= InputBit.down;
    return bits;
  }

  release(): void {
    this.x = 0;
    this.y = 0;
  }
}
