//! Prints the raw face measures for each photo given (calibration aid).
use lantern_track::{
    FrameView, Models, face_detect::FaceDetector, face_features, face_mesh, iris::Iris, pose,
};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let models = Models::discover();
    let mut det = FaceDetector::new(&models, 1)?;
    let mut mesh = face_mesh::FaceMesh::new(&models, 1)?;
    let mut iris = Iris::new(&models, 1)?;
    for path in std::env::args().skip(1) {
        let img = lantern_track::frame::load_rgba(path.as_ref())?;
        let f = FrameView::from_rgba(&img)?;
        let dets = det.detect(&f)?;
        println!(
            "{path}: {}x{} faces {}",
            img.width(),
            img.height(),
            dets.len()
        );
        for d in &dets {
            let m = mesh.run(&f, &d.roi())?;
            let m2 = mesh.run(&f, &face_mesh::mesh_roi(&m))?;
            let eyes = iris.run(&f, &m2)?;
            println!(
                "  det {:.2} box {:.0},{:.0} {:.0}x{:.0} mesh {:.2}/{:.2}",
                d.score, d.x, d.y, d.w, d.h, m.score, m2.score
            );
            println!("  pose {:?}", pose::head_pose(&m2));
            let r = face_features::ratios(&m2, Some(&eyes));
            println!("  iris {r:?}");
            println!("  mesh {:?}", face_features::ratios(&m2, None));
            println!("  expr {:?}", face_features::expressions(&r, true));
        }
    }
    Ok(())
}
