use image::ImageFormat;
use lantern_engine::schema::format::{Asset, SequenceSource};

use super::*;
use crate::project::test_support::{self as t, project};

fn import_one(dir: &Path, source: &Path) -> Result<ImportedAsset, IpcError> {
    import(dir, &[source.to_path_buf()], &[], ImportAs::Auto).map(|mut v| v.remove(0))
}

#[test]
fn stills_fonts_luts_and_scripts_get_safe_unique_names() {
    let (tmp, dir) = project();
    let src = tmp.path().join("src");
    let a = import_one(&dir, &t::file(&src, "My Sticker.PNG", &t::png(64, 32))).unwrap();
    assert_eq!(
        a.asset,
        Asset::Image(ImageAsset {
            id: "my-sticker".into(),
            path: "images/my-sticker.png".into()
        })
    );
    assert_eq!((a.width, a.height, a.frames), (64, 32, 1));
    let b = import(
        &dir,
        &[src.join("My Sticker.PNG")],
        &["my-sticker".into()],
        ImportAs::Auto,
    )
    .unwrap();
    assert_eq!(b[0].asset.id(), "my-sticker-2");
    assert_eq!(b[0].files, ["images/my-sticker-2.png"]);
    // The extension follows the content: a JPEG called .png is stored as .jpg.
    let jpeg = t::image_bytes(8, 8, ImageFormat::Jpeg);
    let c = import_one(&dir, &t::file(&src, "photo.png", &jpeg)).unwrap();
    assert_eq!(c.files, ["images/photo.jpg"]);
    let webp = t::image_bytes(8, 8, ImageFormat::WebP);
    assert_eq!(
        import_one(&dir, &t::file(&src, "w.webp", &webp))
            .unwrap()
            .files,
        ["images/w.webp"]
    );
    let font = import_one(&dir, &t::file(&src, "Title.TTF", &t::ttf())).unwrap();
    assert!(matches!(font.asset, Asset::Font(ref f) if f.path == "fonts/title.ttf"));
    let lut = import_one(&dir, &t::file(&src, "warm.cube", &t::cube())).unwrap();
    assert!(matches!(lut.asset, Asset::Lut(ref f) if f.path == "luts/warm.cube"));
    let js = import_one(
        &dir,
        &t::file(&src, "game.js", b"effect.on('x', () => {});"),
    )
    .unwrap();
    assert!(matches!(js.asset, Asset::Script(ref f) if f.path == "scripts/game.js"));
}

#[test]
fn gif_and_apng_become_sequences() {
    let (tmp, dir) = project();
    let src = tmp.path().join("src");
    let g = import_one(&dir, &t::file(&src, "sparkle.gif", &t::gif(16, 16, 3))).unwrap();
    assert_eq!(g.frames, 3);
    let Asset::Sequence(s) = &g.asset else {
        panic!("{g:?}")
    };
    assert_eq!(
        s.source,
        SequenceSource::Gif {
            path: "images/sparkle.gif".into()
        }
    );
    let a = import_one(&dir, &t::file(&src, "glow.png", &t::apng(16, 16, 5))).unwrap();
    assert_eq!(a.frames, 5);
    assert!(
        matches!(&a.asset, Asset::Sequence(s) if s.source == SequenceSource::Apng { path: "images/glow.png".into() })
    );
}

#[test]
fn numbered_frames_become_one_sequence_in_number_order() {
    let (tmp, dir) = project();
    let src = tmp.path().join("frames");
    let mut paths = Vec::new();
    for n in [10, 2, 1] {
        paths.push(t::file(&src, &format!("Burst_{n}.png"), &t::png(8 + n, 8)));
    }
    // Different sizes are refused, naming the odd frame, and nothing is left behind.
    let err = import(&dir, &paths, &[], ImportAs::Sequence).unwrap_err();
    assert_eq!(err.code, ErrorCode::Import);
    assert!(err.message.contains("Burst_2.png"), "{err}");
    assert!(!dir.join("sequences").exists());
    for n in [10, 2, 1] {
        t::file(&src, &format!("Burst_{n}.png"), &t::png_red(8, 8, n as u8));
    }
    // The red channel of each written frame shows the order: 1, 2, 10.
    let seq = import(&dir, std::slice::from_ref(&src), &[], ImportAs::Auto)
        .unwrap()
        .remove(0);
    assert_eq!(seq.frames, 3);
    let Asset::Sequence(s) = &seq.asset else {
        panic!()
    };
    assert_eq!(s.id, "burst");
    assert_eq!(
        s.source,
        SequenceSource::Frames {
            pattern: "sequences/burst/burst_###.png".into(),
            count: 3,
            start: 0
        }
    );
    let reds: Vec<u8> = seq
        .files
        .iter()
        .map(|f| image::open(dir.join(f)).unwrap().to_rgba8().get_pixel(0, 0)[0])
        .collect();
    assert_eq!(reds, [1, 2, 10]);
}

#[test]
fn bad_files_are_refused_with_the_reason_and_nothing_is_copied() {
    let (tmp, dir) = project();
    let src = tmp.path().join("src");
    let good = t::file(&src, "ok.png", &t::png(4, 4));
    let cases = [
        (t::file(&src, "notes.txt", b"hello"), "PNG, JPEG, WebP"),
        (
            t::file(&src, "pic.bmp", b"BM\x3a\0\0\0\0\0\0\0\x36\0\0\0"),
            "PNG, JPEG, WebP",
        ),
        (
            t::file(&src, "broken.cube", b"LUT_3D_SIZE 2\n0 0\n"),
            ".cube",
        ),
        (t::file(&src, "bad.js", &[0xff, 0xfe, 0x00]), "UTF-8"),
        // A text file named .png is "not a PNG image", not an unknown kind of file.
        (
            t::file(&src, "fake.png", b"just some text"),
            "this is not a PNG image",
        ),
        (
            t::file(&src, "fake.ttf", b"not a font at all"),
            "not a TrueType/OpenType font",
        ),
        (tmp.path().join("missing.png"), "missing.png"),
    ];
    for (path, expect) in cases {
        let err = import(&dir, &[good.clone(), path.clone()], &[], ImportAs::Auto).unwrap_err();
        assert_eq!(err.code, ErrorCode::Import, "{err}");
        assert!(err.message.contains(expect), "{}: {err}", path.display());
        assert!(
            err.message
                .contains(&*path.file_name().unwrap().to_string_lossy()),
            "{err}"
        );
    }
    // All or nothing: the good file of each refused batch was taken back.
    let images = dir.join("images");
    assert!(!images.exists() || std::fs::read_dir(images).unwrap().next().is_none());
    let err = import(&dir, &[good], &[], ImportAs::Lut).unwrap_err();
    assert!(err.message.contains("512x512"), "{err}");
}

#[test]
fn imported_assets_make_a_valid_package() {
    let (tmp, dir) = project();
    let src = tmp.path().join("src");
    let sources = [
        t::file(&src, "hat.png", &t::png(32, 32)),
        t::file(&src, "spark.gif", &t::gif(8, 8, 2)),
        t::file(&src, "glow.png", &t::apng(8, 8, 2)),
        t::file(&src, "font.ttf", &t::ttf()),
        t::file(&src, "look.cube", &t::cube()),
    ];
    let imported = import(&dir, &sources, &[], ImportAs::Auto).unwrap();
    let mut effect = crate::project::document::open(&dir).unwrap().effect;
    effect.assets = imported.into_iter().map(|i| i.asset).collect();
    crate::project::document::save(&dir, &effect).unwrap();
    let pkg = lantern_engine::schema::Package::open(&dir).unwrap();
    assert_eq!(pkg.assets.len(), 5);
}
