fn main() {
    let t = std::time::Instant::now();
    let d = gloss::detect::Detector::builtin().unwrap();
    println!("builtin: {:?}", t.elapsed());
    let doc = gloss::document::load::sample();
    let t = std::time::Instant::now();
    let det = d.detect(&doc.text, &doc.sentences);
    println!(
        "detect sample: {:?} ({} entities)",
        t.elapsed(),
        det.entities.len()
    );
}
