import { describe, expect, it } from "vitest";
import { Hub, packagePath, searchQuery } from "./api";
import { HubError, describeError, errorBody, sentence } from "./errors";

type Call = { url: string; init: RequestInit | undefined };

/** A client whose fetch answers `status` with `body` and records the calls. */
function hubAnswering(status: number, body: unknown, statusText = "") {
  const calls: Call[] = [];
  const text = typeof body === "string" ? body : JSON.stringify(body);
  const hub = new Hub("tok-1", async (url, init) => {
    calls.push({ url, init });
    return new Response(status === 204 ? null : text, { status, statusText });
  });
  return { hub, calls };
}

async function failure(p: Promise<unknown>): Promise<HubError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  if (!(e instanceof HubError)) throw new Error(`expected a HubError, got ${String(e)}`);
  return e;
}

describe("the hub client", () => {
  it("sends the token and decodes JSON", async () => {
    const { hub, calls } = hubAnswering(200, { name: "ana", role: "host" });
    expect(await hub.me()).toEqual({ name: "ana", role: "host" });
    expect(calls[0]!.url).toBe("api/me");
    expect(new Headers(calls[0]!.init?.headers).get("Authorization")).toBe("Bearer tok-1");
  });

  it("escapes names in paths and builds the search query", async () => {
    expect(packagePath("a/b", "1.0 beta")).toBe("api/packages/a%2Fb/1.0%20beta");
    expect(searchQuery("  hat ", 24, 0)).toBe("q=hat&limit=24");
    expect(searchQuery("", 24, 48)).toBe("limit=24&offset=48");
  });

  it("posts reviews with a reason only when there is one", async () => {
    const { hub, calls } = hubAnswering(200, {});
    await hub.review("hat", "1.0.0", "approve");
    await hub.review("hat", "1.0.0", "reject", "Blurry");
    expect(calls.map((c) => [c.init?.method, c.url, c.init?.body])).toEqual([
      ["POST", "api/packages/hat/1.0.0/review", '{"decision":"approve"}'],
      ["POST", "api/packages/hat/1.0.0/review", '{"decision":"reject","reason":"Blurry"}'],
    ]);
  });

  it("uploads the zip as application/zip", async () => {
    const { hub, calls } = hubAnswering(201, { name: "hat" });
    await hub.upload(new Blob([new Uint8Array([0x50, 0x4b])]));
    expect(new Headers(calls[0]!.init?.headers).get("Content-Type")).toBe("application/zip");
  });

  it("revokes with DELETE and accepts an empty 204", async () => {
    const { hub, calls } = hubAnswering(204, "");
    await hub.revokeToken(7);
    expect([calls[0]!.init?.method, calls[0]!.url]).toEqual(["DELETE", "api/tokens/7"]);
  });

  it("keeps the server's code, message and problems", async () => {
    const problems = [{ pointer: "/layers/2/image", file: "effect.json", message: "unknown asset" }];
    const { hub } = hubAnswering(422, { code: "invalid_package", message: "The package is not valid.", problems });
    const e = await failure(hub.upload(new Blob([])));
    expect([e.status, e.code, e.message, e.problems]).toEqual([422, "invalid_package", "The package is not valid.", problems]);
  });

  it("names the status when the body is not {code, message}", async () => {
    const { hub } = hubAnswering(502, "<html>Bad gateway</html>", "Bad Gateway");
    const e = await failure(hub.me());
    expect(describeError(e, "host")).toBe("The hub answered 502 Bad Gateway.");
    expect(errorBody(500, "", null).message).toBe("The hub answered 500.");
  });

  it("turns a failed connection into status 0", async () => {
    const hub = new Hub("t", async () => {
      throw new TypeError("Failed to fetch");
    });
    const e = await failure(hub.me());
    expect(e.status).toBe(0);
    expect(describeError(e)).toBe("Could not reach the hub: Failed to fetch.");
  });
});

describe("error sentences", () => {
  const err = (status: number, message: string) => new HubError(status, { code: "x", message });

  it("asks to sign in on 401 and names the role on 403", () => {
    expect(describeError(err(401, "missing token"), "host")).toBe("Your token was not accepted: sign in again.");
    expect(describeError(err(403, "reviewers only"), "host")).toBe("Your role (host) cannot do this.");
    expect(describeError(err(403, "reviewers only"))).toBe("Your role cannot do this.");
    expect(describeError(err(403, "Your role (host) cannot see the review queue."), "host")).toBe("Your role (host) cannot see the review queue.");
  });

  it("shows other messages as plain sentences", () => {
    expect(describeError(err(409, "version 1.0.0 of lucky-hat exists"))).toBe("Version 1.0.0 of lucky-hat exists.");
    expect(describeError(err(413, "The package is larger than 20 MiB."))).toBe("The package is larger than 20 MiB.");
    expect(describeError(new Error("lucky.txt is not a .zip file"))).toBe("Lucky.txt is not a .zip file.");
    expect(sentence("  ")).toBe("");
  });
});
