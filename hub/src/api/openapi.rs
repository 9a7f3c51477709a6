//! The OpenAPI document of the HTTP API, derived from the handlers and `lantern_library::wire`
//! (the web pages' TypeScript is generated from it; `hub/openapi.json` is its drift-checked copy).

use axum::Json;
use lantern_library::room::{
    Award, CaughtZone, ChatLine, CreatedRoom, Gift, HubToViewer, Joined, Ledger, NewRoom, RoomInfo,
    RoomUpdate, TapOutcome, ViewerMessage,
};
use lantern_library::wire::{
    ApiError, Budget, Health, KeyInfo, Me, Preview, PreviewStatus, Problem, Report, Role, Status,
};
use lantern_library::wire_versions::{
    Decision, NewToken, NewTokenRequest, PackageDetail, PackageList, PackageSummary, ReviewQueue,
    ReviewRequest, TokenInfo, TokenList, VersionDetail, VersionSummary, YankRequest,
};
use lantern_library::{Manifest, SignedManifest};
use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Lantern Hub",
        description = "The effect library: designers publish, reviewers approve, hosts pick and go live."
    ),
    paths(
        super::health,
        super::key,
        super::me,
        super::packages::list,
        super::packages::package,
        super::packages::version,
        super::packages::download,
        super::packages::manifest,
        super::packages::preview,
        super::upload::upload,
        super::review::queue,
        super::review::review,
        super::review::yank,
        super::tokens::list,
        super::tokens::create,
        super::tokens::revoke,
        super::rooms::create,
        super::rooms::info,
        super::rooms::join,
        super::rooms::ledger,
        super::rooms::ledger_csv,
    ),
    components(schemas(
        ApiError,
        Problem,
        Health,
        KeyInfo,
        Me,
        Role,
        Status,
        Budget,
        Preview,
        PreviewStatus,
        Report,
        VersionSummary,
        VersionDetail,
        PackageSummary,
        PackageList,
        PackageDetail,
        ReviewQueue,
        Decision,
        ReviewRequest,
        YankRequest,
        TokenInfo,
        TokenList,
        NewTokenRequest,
        NewToken,
        Manifest,
        SignedManifest,
        Gift,
        NewRoom,
        RoomInfo,
        CreatedRoom,
        Award,
        Ledger,
        Joined,
        RoomUpdate,
        CaughtZone,
        ViewerMessage,
        TapOutcome,
        HubToViewer,
        ChatLine,
    ))
)]
struct ApiDoc;

/// The document.
pub fn document() -> utoipa::openapi::OpenApi {
    ApiDoc::openapi()
}

pub async fn serve() -> Json<utoipa::openapi::OpenApi> {
    Json(document())
}
