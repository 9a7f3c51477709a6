// The bar on every signed-in page: where to go (as the role allows), who is signed in, sign out.
import { navLinks } from "../roles";
import type { Route } from "../routes";
import type { Me } from "../types";

function current(route: Route, page: string): boolean {
  return route.page === page || (page === "browse" && route.page === "package");
}

export function Header({ me, route, onSignOut }: { me: Me; route: Route; onSignOut: () => void }) {
  return (
    <header className="hub-header">
      <a className="brand" href="#/">
        Lantern Hub
      </a>
      <nav aria-label="Pages">
        {navLinks(me.role).map((l) => (
          <a key={l.page} href={l.href} aria-current={current(route, l.page) ? "page" : undefined}>
            {l.label}
          </a>
        ))}
      </nav>
      <span className="who" data-testid="me">
        <strong>{me.name}</strong> <span className="badge role">{me.role}</span>
      </span>
      <button onClick={onSignOut}>Sign out</button>
    </header>
  );
}
