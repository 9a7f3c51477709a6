// The hub's API types (src/generated/hub-api.ts) are generated from hub/openapi.json, which the
// hub derives from its Rust types (`UPDATE_SNAPSHOTS=1 cargo test -p lantern-hub --test openapi`).
// This regenerates them and fails when the committed file differs; `npm --prefix ui run
// generate:hub` (UPDATE_SNAPSHOTS=1) rewrites it.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import openapiTS, { type OpenAPI3 } from "openapi-typescript";
import { describe, expect, it } from "vitest";

const SOURCE = new URL("../../../hub/openapi.json", import.meta.url);
const TARGET = new URL("../generated/hub-api.ts", import.meta.url);
const UPDATE = "UPDATE_SNAPSHOTS=1 npx vitest run src/hub/openapi.test.ts";
const HEADER = `// Generated from hub/openapi.json by \`npm --prefix ui run generate:hub\` (${UPDATE}). Do not edit.\n\n`;

/** The TypeScript for an OpenAPI document (openapi-typescript 6: no TypeScript compiler API needed). */
async function generateHubApi(doc: OpenAPI3): Promise<string> {
  return HEADER + (await openapiTS(doc));
}

// The hub's test fails while hub/openapi.json is missing; until it is written there is nothing to compare.
describe.skipIf(!existsSync(SOURCE))("src/generated/hub-api.ts", () => {
  it("is what hub/openapi.json generates", async () => {
    const generated = await generateHubApi(JSON.parse(readFileSync(SOURCE, "utf8")) as OpenAPI3);
    if (process.env.UPDATE_SNAPSHOTS && process.env.UPDATE_SNAPSHOTS !== "0") writeFileSync(TARGET, generated);
    const committed = existsSync(TARGET) ? readFileSync(TARGET, "utf8") : "";
    expect(committed === generated, `src/generated/hub-api.ts is out of date with hub/openapi.json: run \`${UPDATE}\` in ui/ (or npm run generate:hub) and commit it`).toBe(true);
  });
});
