import { weaponOfClass } from "@edgehold/sim-core";
import { heldItemOf, type HeldItem } from "../render/held-item.ts";

/**
 * The avatar as the room draws it, flat: head, body in the character's colour, the class's weapon in the right
 * hand (render/avatar-parts.ts builds the same figure in 3D). SVG, so the page needs no WebGL for it.
 */
export function AvatarPreview({ color, characterClass }: { color: string; characterClass: string }) {
  const weapon = weaponOfClass(characterClass);
  return (
    <svg className="avatar-preview" data-testid="avatar-preview" data-weapon={weapon} viewBox="0 0 100 140" width="100" height="140" role="img" aria-label={`${characterClass} in ${color}`}>
      <ellipse cx="50" cy="134" rx="26" ry="5" fill="rgba(0,0,0,0.35)" />
      <rect x="38" y="88" width="10" height="42" rx="4" fill="#2f3a4a" />
      <rect x="52" y="88" width="10" height="42" rx="4" fill="#2f3a4a" />
      <rect x="31" y="46" width="38" height="50" rx="16" fill={color} data-testid="avatar-preview-body" />
      <rect x="22" y="50" width="9" height="34" rx="4" fill={color} />
      <rect x="69" y="50" width="9" height="34" rx="4" fill={color} />
      <circle cx="50" cy="30" r="15" fill="#e9c39b" />
      <path d="M35 28 a15 15 0 0 1 30 0 z" fill="#3b2a20" />
      <Held item={heldItemOf(weapon)} />
    </svg>
  );
}

function Held({ item }: { item: HeldItem }) {
  switch (item) {
    case "axe":
      return (
        <g>
          <rect x="72" y="34" width="4" height="56" fill="#7a5230" />
          <path d="M76 36 h14 a8 12 0 0 1 0 18 h-14 z" fill="#c9d1d9" />
        </g>
      );
    case "bow":
      return (
        <g fill="none">
          <path d="M80 36 q16 30 0 60" stroke="#7a5230" strokeWidth="4" />
          <path d="M80 36 v60" stroke="#f1f3f5" strokeWidth="1" />
        </g>
      );
    case "staff":
      return (
        <g>
          <rect x="72" y="22" width="4" height="108" fill="#7a5230" />
          <circle cx="74" cy="18" r="7" fill="#74c0fc" />
        </g>
      );
    case "daggers":
      return (
        <g fill="#c9d1d9">
          <path d="M73 84 l3 -22 l3 22 z" />
          <path d="M21 84 l3 -22 l3 22 z" />
        </g>
      );
    case "none":
      return null;
  }
}
