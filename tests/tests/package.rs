//! `lantern validate` / `pack` / `inspect` on the example packages and on hostile input.

use std::time::Instant;

use lantern_integration_tests::{lantern, repo_root};

const EXAMPLES: [&str; 2] = ["lucky-hat", "heart-fireworks"];

#[test]
fn examples_validate_pack_twice_identically_and_inspect() {
    let tmp = tempfile::tempdir().unwrap();
    for name in EXAMPLES {
        let dir = repo_root().join("examples").join(name);
        let dir = dir.to_str().unwrap();
        let (ok, out, err) = lantern(&["validate", dir]);
        assert!(ok, "{name}: {out}{err}");
        assert!(out.contains("valid"), "{out}");

        let a = tmp.path().join(format!("{name}-a.zip"));
        let b = tmp.path().join(format!("{name}-b.zip"));
        for zip in [&a, &b] {
            let (ok, out, err) = lantern(&["pack", dir, "-o", zip.to_str().unwrap()]);
            assert!(ok, "{name}: {out}{err}");
            assert!(out.contains("package bytes"), "{out}");
            println!("{out}");
        }
        assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());

        let (ok, out, err) = lantern(&["validate", a.to_str().unwrap()]);
        assert!(ok, "{name}: {out}{err}");
        let (ok, out, err) = lantern(&["inspect", a.to_str().unwrap()]);
        assert!(ok, "{name}: {out}{err}");
        assert!(
            out.contains("layers") && out.contains("capabilities:"),
            "{out}"
        );
    }
}

#[test]
fn invalid_packages_list_every_problem_and_exit_non_zero() {
    let tmp = tempfile::tempdir().unwrap();
    let src = repo_root().join("examples/lucky-hat/effect.json");
    let json = std::fs::read_to_string(src)
        .unwrap()
        .replace("\"anchor\": \"forehead\"", "\"anchor\": \"forhead\"")
        .replace("\"layer\": \"coins\" }", "\"layer\": \"coin\" }");
    let dir = tmp.path().join("bad");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("effect.json"), json).unwrap();
    let start = Instant::now();
    let (ok, out, err) = lantern(&["validate", dir.to_str().unwrap()]);
    println!("validate (bad) took {:?}", start.elapsed());
    assert!(!ok, "{out}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(
        err.contains(
            "effect.json: /layers/1/anchor: unknown value \"forhead\" (did you mean \"forehead\"?)"
        ),
        "{err}"
    );
    assert!(
        err.contains("file \"images/hat.png\" is not in the package"),
        "{err}"
    );
    assert!(
        err.contains("no layer with id \"coin\" (did you mean \"coins\"?)"),
        "{err}"
    );
    // pack refuses too, and writes nothing.
    let out_zip = tmp.path().join("bad.zip");
    let (ok, _, _) = lantern(&[
        "pack",
        dir.to_str().unwrap(),
        "-o",
        out_zip.to_str().unwrap(),
    ]);
    assert!(!ok);
    assert!(!out_zip.exists());
}

#[test]
fn a_traversal_zip_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("evil.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    zip.start_file("effect.json", zip::write::SimpleFileOptions::default())
        .unwrap();
    std::io::Write::write_all(&mut zip, b"{}").unwrap();
    zip.start_file("../../escape.txt", zip::write::SimpleFileOptions::default())
        .unwrap();
    zip.finish().unwrap();
    let (ok, _, err) = lantern(&["validate", path.to_str().unwrap()]);
    assert!(!ok);
    assert!(
        err.contains("../../escape.txt: \"..\" would leave the package"),
        "{err}"
    );
    assert!(!tmp.path().parent().unwrap().join("escape.txt").exists());
}
