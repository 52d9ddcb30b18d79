//! Prints how long the parts of opening an article take (a quick look; benches/ has the
//! figures).
fn cpu() -> std::time::Duration {
    let mut t = libc_time();
    t.0 += 0;
    std::time::Duration::from_micros(t.0)
}
fn libc_time() -> (u64,) {
    let s = std::fs::read_to_string("/proc/self/stat").unwrap();
    let f: Vec<&str> = s.rsplit(')').next().unwrap().split_whitespace().collect();
    let ticks: u64 = f[11].parse::<u64>().unwrap() + f[12].parse::<u64>().unwrap();
    (ticks * 10_000,)
}
fn main() {
    let c0 = cpu();
    let t = std::time::Instant::now();
    let mut total = std::time::Duration::ZERO;
    for _ in 0..20 {
        let t = std::time::Instant::now();
        let _d = gloss::detect::Detector::builtin().unwrap();
        total += t.elapsed();
    }
    println!(
        "builtin wall avg: {:?}, cpu avg {:?}",
        total / 20,
        (cpu() - c0) / 20
    );
    let _ = t;
}
