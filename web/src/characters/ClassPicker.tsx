import { CHARACTER_CLASSES } from "./characters-api.ts";
import { weaponFacts } from "./class-weapon-facts.ts";

/** The four classes as cards to pick from, each saying what its weapon does (damage, range, cooldown). */
export function ClassPicker({ value, onChange }: { value: string; onChange: (characterClass: string) => void }) {
  return (
    <fieldset className="class-picker">
      <legend>Class</legend>
      {CHARACTER_CLASSES.map((c) => {
        const facts = weaponFacts(c);
        return (
          <label key={c} className={`class-card${c === value ? " selected" : ""}`} data-testid={`class-${c}`}>
            <input type="radio" name="class" value={c} checked={c === value} onChange={() => onChange(c)} />
            <strong>{c}</strong>
            <span className="muted">{facts.weapon}</span>
            <span className="class-stats" data-testid={`class-stats-${c}`}>
              <span title="damage per hit">{facts.damage} dmg</span>
              <span title="how far it flies">{facts.range} m</span>
              <span title="time between shots">{formatSeconds(facts.cooldownSeconds)} s</span>
            </span>
          </label>
        );
      })}
    </fieldset>
  );
}

/** 0.8, 0.2, 0.7: a tenth of a second is as fine as a player reads a cooldown. */
function formatSeconds(seconds: number): string {
  return (Math.round(seconds * 10) / 10).toString();
}
