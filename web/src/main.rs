//! The browser entry point: registers `<smc-replication-jobs>`, which `index.html` uses.

fn main() {
    smc_web::register_custom_element();
}
