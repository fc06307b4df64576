import { useCallback, useEffect, useState, type FormEvent } from "react";
import { Link, useSearchParams } from "react-router";
import { useIdentity } from "../identity/identity-context.tsx";
import { useNameCheck } from "../identity/use-name-check.ts";
import { AccountBar } from "../identity/AccountBar.tsx";
import { AvatarPreview } from "./AvatarPreview.tsx";
import { ApiRequestError, CHARACTER_CLASSES, charactersApi, type CharacterList } from "./characters-api.ts";
import { ClassPicker } from "./ClassPicker.tsx";

/** List, create, select and delete your characters; the selected one is who you play in every room. */
export function CharacterScreen() {
  const identity = useIdentity();
  const [search] = useSearchParams();
  const returnTo = search.get("room");
  const [list, setList] = useState<CharacterList | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [name, setName] = useState("");
  const [characterClass, setCharacterClass] = useState<string>(CHARACTER_CLASSES[0]);
  const [color, setColor] = useState("#1c7ed6");

  const refresh = useCallback(async () => {
    try {
      setList(await charactersApi.list(identity));
      setError(undefined);
    } catch (e) {
      setError(describe(e));
    }
  }, [identity]);

  useEffect(() => {
    if (identity.signedIn) void refresh();
  }, [identity.signedIn, refresh]);

  const run = (action: () => Promise<unknown>) => async () => {
    try {
      await action();
      await refresh();
    } catch (e) {
      setError(describe(e));
    }
  };

  const create = async (event: FormEvent) => {
    event.preventDefault();
    await run(async () => {
      await charactersApi.create(identity, { name, class: characterClass, appearance: { color } });
      setName("");
    })();
  };

  // The rule the characters API applies: told while typing, not after a round trip (the API still decides).
  const nameCheck = useNameCheck(name);
  const nameProblem = name !== "" && nameCheck?.ok === false ? nameCheck.message : undefined;

  const back = returnTo ? <Link to={`/rooms/${encodeURIComponent(returnTo)}`}>Back to room {returnTo}</Link> : <Link to="/">Back to lobby</Link>;
  if (!identity.signedIn) {
    return (
      <main className="page characters">
        <p>Sign in to manage your characters.</p>
        <nav>{back}</nav>
      </main>
    );
  }

  return (
    <main className="page characters" data-testid="character-screen">
      <header className="lobby-header">
        <h1>Your characters</h1>
        <AccountBar />
      </header>
      <p className="muted">The character marked "playing" is who you are in every room: name, colour and weapon.</p>
      {error && <p className="error" role="alert">{error}</p>}
      <section className="card">
        <ul className="character-list">
          {list?.characters.map((c) => (
            <li key={c.id} data-testid="character" data-active={c.id === list.activeCharacterId}>
              <span className="swatch" style={{ background: c.appearance.color }} />
              <strong>{c.name}</strong> <span className="muted">{c.characterClass}</span>
              {c.id === list.activeCharacterId ? (
                <span className="badge">playing</span>
              ) : (
                <button type="button" onClick={run(() => charactersApi.select(identity, c.id))}>Play as</button>
              )}
              <button type="button" className="danger" onClick={run(() => charactersApi.remove(identity, c.id))}>Delete</button>
            </li>
          ))}
          {list && list.characters.length === 0 && <li className="muted">No characters yet: you play a default one.</li>}
        </ul>
      </section>
      <form onSubmit={create} className="card create-character">
        <h2>New character</h2>
        <div className="create-character-body">
          <div className="create-character-fields">
            <label className="field">
              Name <input name="name" value={name} onChange={(e) => setName(e.target.value)} required aria-invalid={nameProblem !== undefined} />
            </label>
            {nameProblem && <p className="error" data-testid="name-problem">{nameProblem}</p>}
            <label className="field colour-field">
              Colour
              <span className="colour-row">
                <input name="color" type="color" value={color} onChange={(e) => setColor(e.target.value)} />
                <span className="swatch swatch-large" style={{ background: color }} data-testid="colour-swatch" />
                <code>{color}</code>
              </span>
            </label>
          </div>
          <AvatarPreview color={color} characterClass={characterClass} />
        </div>
        <ClassPicker value={characterClass} onChange={setCharacterClass} />
        <button type="submit" className="primary" disabled={nameProblem !== undefined}>Create</button>
      </form>
      <nav>{back}</nav>
    </main>
  );
}

function describe(error: unknown): string {
  if (error instanceof ApiRequestError) return error.field ? `${error.field}: ${error.message}` : error.message;
  return error instanceof Error ? error.message : "something went wrong";
}
