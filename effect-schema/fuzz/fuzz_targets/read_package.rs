//! Zip bytes → `Package::from_zip_bytes` → must return (Ok or Err), never panic, hang or blow up.
#![no_main]

use effect_schema::{Limits, Package};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let limits = Limits {
        // Keep each run cheap; the checks are the same at any size.
        max_file_bytes: 1 << 20,
        max_total_bytes: 4 << 20,
        ..Limits::default()
    };
    if let Ok(mut pkg) = Package::from_zip_bytes(data.to_vec(), &limits) {
        let files: Vec<String> = pkg.files().keys().map(|k| (*k).to_owned()).collect();
        for f in files {
            let _ = pkg.read(&f);
        }
        let _ = pkg.capabilities().to_string();
    }
});
