import { useCallback, useEffect, useState, type FormEvent } from "react";
import { Link, useSearchParams } from "react-router";
import { useIdentity } from "../identity/identity-context.tsx";
import { useNameCheck } from "../identity/use-name-check.ts";
import { ApiRequestError, CHARACTER_CLASSES, charactersApi, type CharacterList } from "./characters-api.ts";

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

  if (!identity.signedIn) return <main className="characters"><p>Sign in to manage your characters.</p></main>;

  return (
    <main className="characters" data-testid="character-screen">
      <h1>Your characters</h1>
      {error && <p className="error" role="alert">{error}</p>}
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
      <form onSubmit={create} className="create-character">
        <h2>New character</h2>
        <label>
          Name <input name="name" value={name} onChange={(e) => setName(e.target.value)} required aria-invalid={nameProblem !== undefined} />
        </label>
        {nameProblem && <p className="error" data-testid="name-problem">{nameProblem}</p>}
        <label>
          Class
          <select name="class" value={characterClass} onChange={(e) => setCharacterClass(e.target.value)}>
            {CHARACTER_CLASSES.map((c) => <option key={c} value={c}>{c}</option>)}
          </select>
        </label>
        <label>
          Colour <input name="color" type="color" value={color} onChange={(e) => setColor(e.target.value)} />
        </label>
        <button type="submit" disabled={nameProblem !== undefined}>Create</button>
      </form>
      <nav>
        {returnTo ? <Link to={`/rooms/${encodeURIComponent(returnTo)}`}>Back to room {returnTo}</Link> : <Link to="/">Back to lobby</Link>}
      </nav>
    </main>
  );
}

function describe(error: unknown): string {
  if (error instanceof ApiRequestError) return error.field ? `${error.field}: ${error.message}` : error.message;
  return error instanceof Error ? error.message : "something went wrong";
}
