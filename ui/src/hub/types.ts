// The Hub's HTTP API as the web pages see it (JSON, camelCase), under the names the pages use.
// Generated from the hub's own types: hub/openapi.json → src/generated/hub-api.ts (openapi.test.ts).
import type { components } from "../generated/hub-api";

type Schemas = components["schemas"];

export type Role = Schemas["Role"];
export type Status = Schemas["Status"];

export const ROLES: readonly Role[] = ["designer", "reviewer", "host", "admin"];

/** Who the token belongs to (`GET /api/me`). */
export type Me = Schemas["Me"];
/** One line of a package's budget: how much of a limit it uses. */
export type Budget = Schemas["Budget"];
/** A preview render of the effect over one reference photo; rendered after upload. */
export type Preview = Schemas["Preview"];
/** What the server found when it checked an uploaded package. */
export type Report = Schemas["Report"];
export type VersionSummary = Schemas["VersionSummary"];
export type VersionDetail = Schemas["VersionDetail"];
export type PackageSummary = Schemas["PackageSummary"];
export type PackageList = Schemas["PackageList"];
export type PackageDetail = Schemas["PackageDetail"];
export type ReviewQueue = Schemas["ReviewQueue"];
export type Decision = Schemas["Decision"];
export type TokenInfo = Schemas["TokenInfo"];
export type TokenList = Schemas["TokenList"];
/** A token just made: the only time its secret is shown. */
export type NewToken = Schemas["NewToken"];
/** Why an upload was refused: a place in the package and what is wrong there. */
export type Problem = Schemas["Problem"];
/** Every error response's body; 422 from upload adds the problems. */
export type ApiErrorBody = Schemas["ApiError"];
