//! Hot reload: the host keeps running; a broken new version is reported and the old one stays.

mod common;

use common::{Host, sources};
use lantern_script::{ErrorKind, LoadError, SceneCommand, Status};

const V1: &str = "lantern.on('update', () => { lantern.getLayer('ball').x += 1; });\nlantern.on('start', () => lantern.spawnSprite('a.png', 'v1-sprite'));";
const V2: &str = "lantern.on('update', () => { lantern.getLayer('ball').x += 100; });\nlantern.on('stop', () => console.log('v2 stop'));";

#[test]
fn reload_swaps_the_script_and_cleans_its_sprites() {
    let mut host = Host::new(V1, &["ball"]);
    host.step();
    host.step();
    assert!((host.layer("ball").transform.x - 2.0).abs() < f32::EPSILON);
    assert!(host.layers.iter().any(|l| l.id == "v1-sprite"));
    host.runtime
        .reload(sources(&[("main.js", V2)]))
        .expect("reload");
    let outcome = host.step();
    assert!(outcome.errors.is_empty());
    assert!(outcome.commands.contains(&SceneCommand::DestroySprite {
        id: "v1-sprite".into()
    }));
    assert!((host.layer("ball").transform.x - 102.0).abs() < f32::EPSILON);
    assert!(!host.layers.iter().any(|l| l.id == "v1-sprite"));
    host.runtime
        .reload(sources(&[("main.js", V1)]))
        .expect("reload");
    assert!(host.logs().iter().any(|l| l.ends_with("v2 stop")));
}

#[test]
fn syntax_error_on_reload_keeps_the_old_script() {
    let mut host = Host::new(V1, &["ball"]);
    host.step();
    let err = host
        .runtime
        .reload(sources(&[(
            "main.js",
            "lantern.on('update', () => {\n  oops(;\n});",
        )]))
        .expect_err("reload fails");
    let LoadError::Script(e) = &err else {
        panic!("{err}")
    };
    assert_eq!(e.kind, ErrorKind::Syntax);
    assert_eq!((e.file.as_deref(), e.line), (Some("main.js"), Some(2)));
    assert!(
        host.logs()
            .iter()
            .any(|l| l.contains("reload failed, the previous script keeps running"))
    );
    let outcome = host.step();
    assert!(outcome.errors.is_empty());
    // The old script's sprite was not destroyed and it still moves the ball.
    assert!(
        !outcome
            .commands
            .iter()
            .any(|c| matches!(c, SceneCommand::DestroySprite { .. }))
    );
    assert!((host.layer("ball").transform.x - 2.0).abs() < f32::EPSILON);
}

#[test]
fn reload_unpauses_a_timed_out_script() {
    let mut host = Host::new(
        "lantern.on('update', () => { while (true) {} });",
        &["ball"],
    );
    assert_eq!(host.step().errors[0].kind, ErrorKind::Timeout);
    assert!(matches!(host.runtime.status(), Status::Paused { .. }));
    host.runtime
        .reload(sources(&[("main.js", V2)]))
        .expect("reload");
    assert_eq!(*host.runtime.status(), Status::Running);
    host.step();
    assert!((host.layer("ball").transform.x - 100.0).abs() < f32::EPSILON);
}

#[test]
fn throwing_top_level_code_on_reload_keeps_the_old_script() {
    let mut host = Host::new(V1, &["ball"]);
    host.step();
    let err = host
        .runtime
        .reload(sources(&[(
            "main.js",
            "throw new TypeError('bad config');",
        )]))
        .expect_err("reload fails");
    assert!(err.to_string().contains("bad config"), "{err}");
    host.step();
    assert!((host.layer("ball").transform.x - 2.0).abs() < f32::EPSILON);
}
