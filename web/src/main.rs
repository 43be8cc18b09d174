//! The browser entry point: registers `<smc-replication-jobs>`, which `index.html` uses.

/// The allocator of the viewer's wasm (see web/Cargo.toml for why talc). Single-threaded:
/// the bundle is built without atomics.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

fn main() {
    smc_web::register_custom_element();
}
