//! The browser app: mounts [`portal_web::App`]. `trunk serve` (`make dev`)
//! builds it in one wasm; the release build (`scripts/build-web.sh`) turns on
//! the `split` feature and splits it by route.

fn main() {
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(portal_web::App);
}
