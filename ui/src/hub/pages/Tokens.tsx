// Tokens (admins): who can use the hub. A new token's secret is shown once, with a copy button;
// revoking asks for a second click.
import { useState } from "react";
import { useAction, useResource } from "../hooks";
import { ErrorText, Loading, Time } from "../parts/bits";
import { useSession } from "../session";
import { ROLES, type NewToken, type Role, type TokenInfo } from "../types";

async function copy(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false; // No clipboard (plain http, or refused): the field is selectable.
  }
}

function Secret({ made, onDismiss }: { made: NewToken; onDismiss: () => void }) {
  const [copied, setCopied] = useState<boolean | null>(null);
  return (
    <section className="panel secret" aria-label="New token">
      <h2>Token for {made.name} ({made.role})</h2>
      <p className="warn" role="alert">
        Copy it now: this is the only time the hub shows it. Anyone who has it can act as {made.name}.
      </p>
      <div className="row">
        <label className="grow-label">
          <span className="sr-only">The new token</span>
          <input readOnly value={made.token} onFocus={(e) => e.currentTarget.select()} data-testid="new-token" />
        </label>
        <button onClick={async () => setCopied(await copy(made.token))}>Copy</button>
        <button onClick={onDismiss}>Done</button>
      </div>
      {copied !== null && <p role="status">{copied ? "Copied." : "Could not copy: select the text and copy it yourself."}</p>}
    </section>
  );
}

function CreateForm({ onCreate, busy }: { onCreate: (name: string, role: Role) => void; busy: boolean }) {
  const [name, setName] = useState("");
  const [role, setRole] = useState<Role>("host");
  return (
    <form
      className="row wrap create-token"
      onSubmit={(e) => {
        e.preventDefault();
        if (name.trim()) onCreate(name.trim(), role);
      }}
    >
      <label className="field">
        <span>Name</span>
        <input value={name} onChange={(e) => setName(e.target.value)} required />
      </label>
      <label className="field">
        <span>Role</span>
        <select value={role} onChange={(e) => setRole(e.target.value as Role)}>
          {ROLES.map((r) => (
            <option key={r}>{r}</option>
          ))}
        </select>
      </label>
      <button type="submit" className="primary" disabled={busy || !name.trim()}>
        Create token
      </button>
    </form>
  );
}

function Row({ t, onRevoke, busy }: { t: TokenInfo; onRevoke: (id: number) => void; busy: boolean }) {
  const [asking, setAsking] = useState(false);
  return (
    <tr>
      <td>{t.id}</td>
      <td>{t.name}</td>
      <td>{t.role}</td>
      <td>
        <Time iso={t.createdAt} />
      </td>
      <td>{t.lastUsedAt ? <Time iso={t.lastUsedAt} /> : <span className="muted">never</span>}</td>
      <td>
        {asking ? (
          <span className="row">
            <button className="danger" disabled={busy} onClick={() => onRevoke(t.id)}>
              Revoke {t.name}
            </button>
            <button onClick={() => setAsking(false)}>Keep</button>
          </span>
        ) : (
          <button onClick={() => setAsking(true)}>Revoke…</button>
        )}
      </td>
    </tr>
  );
}

export function Tokens() {
  const { hub, me } = useSession();
  const list = useResource("tokens", (signal) => hub.tokens(signal));
  const [made, setMade] = useState<NewToken | null>(null);
  const { busy, error, run } = useAction();
  const create = (name: string, role: Role) =>
    run(async () => {
      setMade(await hub.createToken(name, role));
      list.reload();
    });
  const revoke = (id: number) =>
    run(async () => {
      await hub.revokeToken(id);
      list.reload();
    });
  return (
    <main className="hub-page">
      <h1>Tokens</h1>
      <CreateForm onCreate={create} busy={busy} />
      {made && <Secret made={made} onDismiss={() => setMade(null)} />}
      <ErrorText error={error ?? list.error} role={me.role} />
      {list.loading && !list.data && <Loading what="tokens" />}
      {list.data && (
        <table className="budget tokens" aria-label="Tokens">
          <thead>
            <tr>
              <th scope="col">Id</th>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Created</th>
              <th scope="col">Last used</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.data.tokens.map((t) => (
              <Row key={t.id} t={t} onRevoke={revoke} busy={busy} />
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
