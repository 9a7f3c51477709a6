//! Compiles `proto/onnx.proto` (ONNX's own, from the `onnx` PyPI wheel) into prost types with
//! protox: pure Rust, so no `protoc` is needed on any machine.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    println!("cargo:rerun-if-changed=proto/onnx.proto");
    let files = protox::compile(["onnx.proto"], ["proto"])?;
    prost_build::Config::new().compile_fds(files)?;
    Ok(())
}
