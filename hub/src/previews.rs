//! Preview renders of a new version, one worker process per reference photo, in the background:
//! the version's report shows each as rendering, then ready (a PNG blob) or failed (why).

use std::path::PathBuf;

use lantern_library::manifest::sha256_hex;

use crate::api::AppState;
use crate::error::HubResult;

/// Announces the previews of version `id` and renders them after the upload has been answered.
pub async fn start(s: AppState, id: i64, zip: tempfile::TempPath) -> HubResult<()> {
    let photos = s.settings.photos.clone();
    let names: Vec<String> = photos
        .iter()
        .map(|p| {
            p.file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
        })
        .collect();
    s.db.start_previews(id, &names).await?;
    tokio::spawn(async move {
        for (i, photo) in photos.iter().enumerate() {
            render_one(&s, id, i as i64, &zip, photo).await;
        }
        drop(zip);
    });
    Ok(())
}

async fn render_one(
    s: &AppState,
    id: i64,
    idx: i64,
    zip: &std::path::Path,
    photo: &std::path::Path,
) {
    let png: PathBuf = s.settings.tmp.join(format!("preview-{id}-{idx}.png"));
    let outcome = match s.workers.preview(zip, photo, &png).await {
        Ok(note) => match tokio::fs::read(&png).await {
            Ok(bytes) => {
                let sha = sha256_hex(&bytes);
                match s.blobs.put(&sha, bytes).await {
                    Ok(()) => Ok((sha, note)),
                    Err(e) => Err(format!("storing it: {e}")),
                }
            }
            Err(e) => Err(format!("the worker wrote no image: {e}")),
        },
        Err(e) => Err(e),
    };
    let _ = tokio::fs::remove_file(&png).await;
    let result = match &outcome {
        Ok((sha, _)) => s.db.finish_preview(id, idx, Ok(sha)).await,
        Err(e) => s.db.finish_preview(id, idx, Err(e)).await,
    };
    if let Ok((_, Some(note))) = &outcome {
        tracing::info!("preview {idx} of version {id}: {note}");
    }
    if let Err(e) = result {
        tracing::error!("recording preview {idx} of version {id}: {e}");
    }
}
