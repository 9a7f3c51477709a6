use image::ImageFormat;
use lantern_engine::schema::format::{Asset, ImageAsset, Resolution, SequenceSource};

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
fn sounds_are_audio_assets_named_by_their_content() {
    let (tmp, dir) = project();
    let src = tmp.path().join("src");
    let wav = import_one(&dir, &t::file(&src, "Pop Sound.WAV", &t::wav())).unwrap();
    assert!(
        matches!(wav.asset, Asset::Audio(ref f) if f.id == "pop-sound" && f.path == "sounds/pop-sound.wav")
    );
    assert_eq!((wav.width, wav.height, wav.frames), (0, 0, 0));
    // The extension follows the bytes: an Ogg stream called .mp3 is stored as .ogg.
    let ogg = import_one(&dir, &t::file(&src, "tune.mp3", b"OggS\0\x02rest of it")).unwrap();
    assert!(matches!(ogg.asset, Asset::Audio(ref f) if f.path == "sounds/tune.ogg"));
    let mp3 = import_one(&dir, &t::file(&src, "boom.mp3", b"ID3\x04\0\0\0\0\0\0")).unwrap();
    assert!(matches!(mp3.asset, Asset::Audio(ref f) if f.path == "sounds/boom.mp3"));
    let m4a = import_one(&dir, &t::file(&src, "song.m4a", b"\0\0\0\x20ftypM4A \0\0")).unwrap();
    assert!(matches!(m4a.asset, Asset::Audio(ref f) if f.path == "sounds/song.m4a"));
    // A text file named .wav is "not a sound".
    let err = import_one(&dir, &t::file(&src, "fake.wav", b"just text")).unwrap_err();
    assert!(
        err.message.contains("this is not a sound Lantern plays"),
        "{err}"
    );
    // And the package validates with the sound in it.
    let mut effect = crate::project::document::open(&dir).unwrap().effect;
    effect.assets = vec![wav.asset];
    crate::project::document::save(&dir, &effect).unwrap();
    let pkg = lantern_engine::schema::Package::open(&dir).unwrap();
    assert_eq!(pkg.assets.len(), 1);
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

/// A `w` x `h` PNG: transparent on the left half, opaque red on the right.
fn sticker_png(w: u32, h: u32) -> Vec<u8> {
    let img = image::RgbaImage::from_fn(w, h, |x, _| {
        // Transparent pixels are black, as editors often store them: a resize that is not
        // premultiplied would darken the edge.
        image::Rgba(if x < w / 2 {
            [0, 0, 0, 0]
        } else {
            [255, 0, 0, 255]
        })
    });
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, ImageFormat::Png).unwrap();
    out.into_inner()
}

const PORTRAIT_HD: Resolution = Resolution {
    width: 1080,
    height: 1920,
};

#[test]
fn images_larger_than_the_effect_shows_are_flagged_with_a_proposal() {
    let (tmp, dir) = project();
    let src = tmp.path().join("src");
    let big = t::file(&src, "Big Sticker.png", &sticker_png(3000, 1500));
    let small = t::file(&src, "small.png", &t::png(1920, 64));
    let font = t::file(&src, "font.ttf", &t::ttf());
    let frames = src.join("burst");
    for n in 0..3 {
        t::file(&frames, &format!("burst_{n}.png"), &t::png(700, 2100));
    }
    let sources = [big.clone(), small, font, frames.clone()];
    let plan = plan(&sources, ImportAs::Auto, Some(PORTRAIT_HD)).unwrap();
    assert_eq!(plan.len(), 2, "{plan:?}");
    assert_eq!(
        plan[0],
        Oversized {
            source: big.display().to_string(),
            width: 3000,
            height: 1500,
            frames: 1,
            texture_bytes: 3000 * 1500 * 4,
            max_side: 1920,
            proposed_width: 1920,
            proposed_height: 960,
            proposed_texture_bytes: 1920 * 960 * 4,
        }
    );
    // A sequence: one size for every frame, the memory of all of them.
    let seq = &plan[1];
    assert_eq!(seq.source, frames.display().to_string());
    assert_eq!(
        (seq.frames, seq.proposed_width, seq.proposed_height),
        (3, 640, 1920)
    );
    assert_eq!(seq.texture_bytes, 700 * 2100 * 4 * 3);
    // Without a target resolution the limit is 2048; nothing is copied by planning.
    let plan = super::plan(&[big], ImportAs::Auto, None).unwrap();
    assert_eq!(
        (plan[0].proposed_width, plan[0].proposed_height),
        (2048, 1024)
    );
    assert!(!dir.join("images").exists() && !dir.join("sequences").exists());
    // LUTs are never offered a size.
    let lut = t::file(&src, "look.png", &t::png(512, 512));
    assert!(
        super::plan(&[lut], ImportAs::Lut, Some(PORTRAIT_HD))
            .unwrap()
            .is_empty()
    );
}

#[test]
fn planning_refuses_what_the_import_refuses() {
    let (tmp, _dir) = project();
    let src = tmp.path().join("src");
    let notes = t::file(&src, "notes.txt", b"hello");
    let err = plan(&[notes], ImportAs::Auto, Some(PORTRAIT_HD)).unwrap_err();
    assert_eq!(err.code, ErrorCode::Import);
    assert!(err.message.contains("notes.txt"), "{err}");
    assert!(err.message.contains("PNG, JPEG, WebP"), "{err}");
}

#[test]
fn downscaling_writes_a_smaller_copy_with_the_aspect_ratio_and_alpha_kept() {
    let (tmp, dir) = project();
    let src = tmp.path().join("src");
    let original = sticker_png(3000, 1500);
    let big = t::file(&src, "Big Sticker.png", &original);
    let photo = t::file(
        &src,
        "photo.jpg",
        &t::image_bytes(1200, 2400, ImageFormat::Jpeg),
    );
    let webp = t::file(
        &src,
        "wide.webp",
        &t::image_bytes(4000, 100, ImageFormat::WebP),
    );
    let small = t::file(&src, "small.png", &t::png(64, 32));
    let downscale: Vec<Downscale> = [&big, &photo, &webp, &small]
        .iter()
        .map(|p| Downscale {
            source: p.display().to_string(),
            max_side: 1920,
        })
        .collect();
    let sources = [big.clone(), photo, webp, small];
    let out = import_with(&dir, &sources, &[], ImportAs::Auto, &downscale).unwrap();
    let sizes: Vec<_> = out.iter().map(|i| (i.width, i.height)).collect();
    assert_eq!(sizes, [(1920, 960), (960, 1920), (1920, 48), (64, 32)]);
    assert_eq!(out[0].files, ["images/big-sticker.png"]);
    assert_eq!(out[1].files, ["images/photo.jpg"]);
    let written = std::fs::read(dir.join("images/big-sticker.png")).unwrap();
    assert_eq!(out[0].bytes, written.len() as u64);
    assert_eq!(image::guess_format(&written).unwrap(), ImageFormat::Png);
    let img = image::load_from_memory(&written).unwrap();
    assert!(img.color().has_alpha());
    let img = img.to_rgba8();
    assert_eq!(img.dimensions(), (1920, 960));
    assert_eq!(img.get_pixel(10, 480)[3], 0);
    assert_eq!(img.get_pixel(1900, 480).0, [255, 0, 0, 255]);
    // Premultiplied: the soft edge stays red, not darkened by the transparent black pixels.
    let edge: Vec<_> = (950..970).map(|x| img.get_pixel(x, 480).0).collect();
    assert!(edge.iter().any(|p| p[3] >= 8 && p[3] < 250), "{edge:?}");
    assert!(edge.iter().all(|p| p[3] < 8 || p[0] > 245), "{edge:?}");
    let jpeg = std::fs::read(dir.join("images/photo.jpg")).unwrap();
    assert_eq!(image::guess_format(&jpeg).unwrap(), ImageFormat::Jpeg);
    assert_eq!(
        image::image_dimensions(dir.join("images/photo.jpg")).unwrap(),
        (960, 1920)
    );
    assert_eq!(out[2].files, ["images/wide.webp"]);
    let webp = std::fs::read(dir.join("images/wide.webp")).unwrap();
    assert_eq!(image::guess_format(&webp).unwrap(), ImageFormat::WebP);
    // The person's file is untouched; the small image was copied as it was.
    assert_eq!(std::fs::read(&big).unwrap(), original);
    assert_eq!(
        std::fs::read(dir.join("images/small.png")).unwrap(),
        t::png(64, 32)
    );
}

#[test]
fn a_downscaled_sequence_has_one_size_for_every_frame() {
    let (tmp, dir) = project();
    let src = tmp.path().join("src");
    let paths: Vec<PathBuf> = (1..=3)
        .map(|n| t::file(&src, &format!("glow_{n}.png"), &t::png_red(2400, 600, n)))
        .collect();
    let downscale = [Downscale {
        source: paths[0].display().to_string(),
        max_side: 1920,
    }];
    let seq = import_with(&dir, &paths, &[], ImportAs::Sequence, &downscale)
        .unwrap()
        .remove(0);
    assert_eq!((seq.width, seq.height, seq.frames), (1920, 480, 3));
    let frames: Vec<_> = seq
        .files
        .iter()
        .map(|f| image::open(dir.join(f)).unwrap().to_rgba8())
        .collect();
    assert!(frames.iter().all(|f| f.dimensions() == (1920, 480)));
    let reds: Vec<u8> = frames.iter().map(|f| f.get_pixel(5, 5)[0]).collect();
    assert_eq!(reds, [1, 2, 3]);
}

#[test]
fn a_failed_downscale_names_the_file_and_copies_nothing() {
    let (tmp, dir) = project();
    let src = tmp.path().join("src");
    let good = t::file(&src, "ok.png", &t::png(4, 4));
    let whole = t::png_red(2400, 1200, 9);
    // The header is whole (the import recognises it), the pixels are cut short.
    let broken = t::file(&src, "cut.png", &whole[..whole.len() / 2]);
    let downscale = [Downscale {
        source: broken.display().to_string(),
        max_side: 1920,
    }];
    let err = import_with(&dir, &[good, broken], &[], ImportAs::Auto, &downscale).unwrap_err();
    assert_eq!(err.code, ErrorCode::Import);
    assert!(err.message.contains("cut.png"), "{err}");
    assert!(
        err.message.contains("downscaling it to 1920x960 failed"),
        "{err}"
    );
    let images = dir.join("images");
    assert!(!images.exists() || std::fs::read_dir(images).unwrap().next().is_none());
}
