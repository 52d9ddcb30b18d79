#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| gloss_fuzz::import_doccano(data));
