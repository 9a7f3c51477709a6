//! Hostile scripts: each is contained with a clear message and the host keeps running frames.

mod common;

use std::time::{Duration, Instant};

use common::{Host, sources};
use lantern_script::{ErrorKind, LoadError, ScriptConfig, ScriptRuntime, Status};

/// A script that moves `ball` every frame, plus `extra` hostile code.
fn with_ball(extra: &str) -> String {
    format!("lantern.on('update', (e) => {{ lantern.getLayer('ball').x = e.frame; }});\n{extra}")
}

#[test]
fn endless_loop_is_stopped_within_the_frame_and_pauses_the_script() {
    let src = with_ball("lantern.on('update', (e) => { if (e.frame === 3) { while (true) {} } });");
    let mut host = Host::new(&src, &["ball"]);
    for _ in 0..3 {
        assert!(host.step().errors.is_empty());
    }
    let started = Instant::now();
    let outcome = host.step();
    let took = started.elapsed();
    assert_eq!(outcome.errors.len(), 1, "{:?}", outcome.errors);
    let error = &outcome.errors[0];
    assert_eq!(error.kind, ErrorKind::Timeout);
    assert!(error.message.contains("budget"), "{}", error.message);
    // Generous bound (the budget is 8 ms); a real hang would never return.
    assert!(took < Duration::from_secs(2), "took {took:?}");
    assert!(matches!(host.runtime.status(), Status::Paused { .. }));
    // The host keeps rendering: frames go on, the script makes no more changes.
    let x_when_paused = host.layer("ball").transform.x;
    for _ in 0..5 {
        let outcome = host.step();
        assert!(outcome.errors.is_empty() && outcome.commands.is_empty());
    }
    assert!((host.layer("ball").transform.x - x_when_paused).abs() < f32::EPSILON);
    assert!(host.logs().iter().any(|l| l.contains("budget")));
    // Resuming runs it again (and it loops again only on frame 3, long gone).
    host.runtime.resume();
    assert!(host.step().errors.is_empty());
    assert!((host.layer("ball").transform.x - 9.0).abs() < f32::EPSILON);
}

#[test]
fn endless_loop_at_top_level_fails_the_load_cleanly() {
    let config = ScriptConfig {
        load_budget: Duration::from_millis(50),
        ..ScriptConfig::default()
    };
    let err = ScriptRuntime::new(sources(&[("main.js", "for (;;) {}")]), "main.js", config)
        .err()
        .expect("load fails");
    let LoadError::Script(e) = err else {
        panic!("unexpected {err}")
    };
    assert_eq!(e.kind, ErrorKind::Timeout);
}

#[test]
fn gigabyte_array_is_out_of_memory_and_the_script_keeps_running() {
    // A generous budget so the heap limit, not the time budget, stops the 1 GB allocation.
    let config = ScriptConfig {
        frame_budget: Duration::from_secs(5),
        ..ScriptConfig::default()
    };
    let src = with_ball(
        "lantern.on('update', (e) => { if (e.frame === 2) { const keep = []; for (let i = 0; i < 128; i++) keep.push(new Array(1 << 20).fill(i)); } });",
    );
    let mut host = Host::with(sources(&[("main.js", &src)]), &["ball"], config);
    host.step();
    host.step();
    let outcome = host.step();
    assert_eq!(outcome.errors.len(), 1, "{:?}", outcome.errors);
    assert_eq!(
        outcome.errors[0].kind,
        ErrorKind::OutOfMemory,
        "{:?}",
        outcome.errors[0]
    );
    assert!(outcome.errors[0].message.contains("out of memory"));
    for _ in 0..3 {
        let outcome = host.step();
        assert!(outcome.errors.is_empty(), "{:?}", outcome.errors);
    }
    assert!((host.layer("ball").transform.x - 5.0).abs() < f32::EPSILON);
    assert!(host.runtime.memory_used() < 32 * 1024 * 1024);
}

#[test]
fn huge_typed_array_is_refused() {
    let src = with_ball(
        "lantern.on('update', (e) => { if (e.frame === 1) { new Float64Array(128 * 1024 * 1024); } });",
    );
    let mut host = Host::new(&src, &["ball"]);
    host.step();
    let outcome = host.step();
    assert_eq!(outcome.errors.len(), 1);
    assert_eq!(
        outcome.errors[0].kind,
        ErrorKind::OutOfMemory,
        "{:?}",
        outcome.errors[0]
    );
    assert!(host.step().errors.is_empty());
}

#[test]
fn deep_recursion_is_a_stack_overflow_not_a_crash() {
    let src = with_ball(
        "function down(n) { return down(n + 1) + 1; }\nlantern.on('update', (e) => { if (e.frame === 1) down(0); });",
    );
    let mut host = Host::new(&src, &["ball"]);
    host.step();
    let outcome = host.step();
    assert_eq!(outcome.errors.len(), 1);
    assert_eq!(
        outcome.errors[0].kind,
        ErrorKind::StackOverflow,
        "{:?}",
        outcome.errors[0]
    );
    assert!(host.step().errors.is_empty());
    assert!((host.layer("ball").transform.x - 2.0).abs() < f32::EPSILON);
}

#[test]
fn throw_in_update_reports_file_line_column_and_stack_and_keeps_running() {
    let src = "function check(frame) {\n  if (frame % 2 === 1) {\n    throw new Error('odd frame ' + frame);\n  }\n}\nlantern.on('update', (e) => {\n  lantern.getLayer('ball').x = e.frame;\n  check(e.frame);\n});\n";
    let mut host = Host::new(src, &["ball"]);
    assert!(host.step().errors.is_empty());
    let outcome = host.step();
    assert_eq!(outcome.errors.len(), 1);
    let e = &outcome.errors[0];
    assert_eq!(e.kind, ErrorKind::Exception);
    assert_eq!(e.message, "Error: odd frame 1");
    assert_eq!(e.file.as_deref(), Some("main.js"));
    assert_eq!(e.line, Some(3));
    assert!(e.column.is_some());
    let stack = e.stack.as_deref().unwrap_or_default();
    assert!(
        stack.contains("check") && stack.contains("main.js:8"),
        "{stack}"
    );
    // The write before the throw was applied; the script runs on.
    assert!((host.layer("ball").transform.x - 1.0).abs() < f32::EPSILON);
    assert!(host.step().errors.is_empty());
    assert_eq!(*host.runtime.status(), Status::Running);
    let logs = host.logs();
    assert!(
        logs.iter()
            .any(|l| l.contains("main.js:3") && l.contains("odd frame 1")),
        "{logs:?}"
    );
}

#[test]
fn syntax_error_at_load_names_file_and_line() {
    let err = ScriptRuntime::new(
        sources(&[("main.js", "let ok = 1;\nlet broken = ;\n")]),
        "main.js",
        ScriptConfig::default(),
    )
    .err()
    .expect("load fails");
    let LoadError::Script(e) = err else {
        panic!("unexpected {err}")
    };
    assert_eq!(e.kind, ErrorKind::Syntax, "{e:?}");
    assert_eq!(e.file.as_deref(), Some("main.js"));
    assert_eq!(e.line, Some(2), "{e:?}");
}

#[test]
fn require_fetch_and_xhr_fail_with_a_clear_message() {
    for (code, expect) in [
        ("require('fs')", "require() is not available"),
        ("fetch('http://example.com')", "no network access"),
        ("new XMLHttpRequest()", "XMLHttpRequest is not available"),
        (
            "globalThis.require = () => 1; require('fs')",
            "'require' is read-only",
        ),
    ] {
        let src = format!("lantern.on('update', () => {{ {code}; }});");
        let mut host = Host::new(&src, &[]);
        let outcome = host.step();
        assert_eq!(outcome.errors.len(), 1, "{code}");
        assert!(
            outcome.errors[0].message.contains(expect),
            "{code}: {}",
            outcome.errors[0].message
        );
    }
    // No process/std/os objects exist at all.
    let mut host = Host::new(
        "lantern.on('update', () => { console.log(typeof process, typeof std, typeof os, typeof Deno); });",
        &[],
    );
    host.step();
    let logs = host.logs();
    assert!(
        logs[0].ends_with("undefined undefined undefined undefined"),
        "{logs:?}"
    );
}

#[test]
fn static_import_of_fs_or_outside_the_package_is_refused() {
    for (import, expect) in [
        ("import fs from 'fs';", "not a package file"),
        ("import x from '../outside.js';", "leaves the package"),
        ("import x from './missing.js';", "no such script file"),
    ] {
        let err = ScriptRuntime::new(
            sources(&[("main.js", import), ("other.js", "export default 1;")]),
            "main.js",
            ScriptConfig::default(),
        )
        .err()
        .expect("load fails");
        let message = err.to_string();
        assert!(message.contains(expect), "{import}: {message}");
    }
}

#[test]
fn dynamic_import_of_fs_is_reported() {
    let mut host = Host::new(
        "lantern.on('update', (e) => { if (e.frame === 0) import('fs').then(() => console.log('loaded')); });",
        &[],
    );
    let outcome = host.step();
    assert_eq!(outcome.errors.len(), 1, "{:?}", outcome.errors);
    assert!(
        outcome.errors[0].message.contains("cannot import 'fs'"),
        "{:?}",
        outcome.errors[0]
    );
    assert!(!host.logs().iter().any(|l| l.ends_with("loaded")));
}

#[test]
fn log_flood_is_bounded() {
    let config = ScriptConfig {
        log_capacity: 50,
        frame_budget: Duration::from_secs(5),
        ..ScriptConfig::default()
    };
    let mut host = Host::with(
        sources(&[(
            "main.js",
            "lantern.on('update', () => { for (let i = 0; i < 1000; i++) console.log('x'.repeat(10000)); });",
        )]),
        &[],
        config,
    );
    host.step();
    let logs = host.runtime.drain_logs();
    assert_eq!(logs.len(), 50);
    assert!(logs[0].message.len() < 4200);
    assert_eq!(host.runtime.dropped_logs(), 950);
}

#[test]
fn command_flood_is_bounded() {
    let config = ScriptConfig {
        max_commands_per_frame: 1000,
        ..ScriptConfig::default()
    };
    let mut host = Host::with(
        sources(&[(
            "main.js",
            "lantern.on('update', () => { const a = lantern.getLayer('a'), b = lantern.getLayer('b'); for (let i = 0; i < 1e6; i++) { a.x = i; b.x = i; } });",
        )]),
        &["a", "b"],
        config,
    );
    let outcome = host.step();
    assert_eq!(outcome.commands.len(), 1000);
    assert!(outcome.errors[0].message.contains("too many scene changes"));
}

#[test]
fn throw_in_one_handler_does_not_skip_the_rest_of_the_frame() {
    let src = with_ball("lantern.on('tap', () => { null.boom; });");
    let mut host = Host::new(&src, &["ball"]);
    host.step();
    let tap = lantern_script::HostEvent::Tap {
        zone_id: "z".into(),
        payload: serde_json::Value::Null,
    };
    let outcome = host.step_with(None, &[tap]);
    assert_eq!(outcome.errors.len(), 1);
    assert_eq!(outcome.errors[0].during, "tap");
    assert!(
        outcome.errors[0].message.starts_with("TypeError"),
        "{:?}",
        outcome.errors[0]
    );
    assert_eq!(outcome.errors[0].line, Some(2));
    // `update` still ran this frame.
    assert!((host.layer("ball").transform.x - 1.0).abs() < f32::EPSILON);
}

#[test]
fn endless_promise_chain_is_stopped_by_the_budget() {
    let mut host = Host::new(
        "function spin() { Promise.resolve().then(spin); }\nlantern.on('update', (e) => { if (e.frame === 1) spin(); });",
        &[],
    );
    assert!(host.step().errors.is_empty());
    let outcome = host.step();
    assert_eq!(outcome.errors.len(), 1, "{:?}", outcome.errors);
    assert_eq!(outcome.errors[0].kind, ErrorKind::Timeout);
    assert!(matches!(host.runtime.status(), Status::Paused { .. }));
    assert!(host.step().errors.is_empty());
}

#[test]
fn an_error_every_frame_is_returned_every_frame_but_logged_sparingly() {
    let mut host = Host::new(
        "lantern.on('update', () => { throw new Error('always'); });",
        &[],
    );
    for _ in 0..20 {
        assert_eq!(host.step().errors.len(), 1);
    }
    let logs = host.logs();
    // Repeats 1, 2, 4, 8, 16.
    assert_eq!(logs.len(), 5, "{logs:?}");
    assert!(logs[4].contains("(repeated 16 times)"), "{}", logs[4]);
}
