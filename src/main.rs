//! Every page in one bundle, for `trunk serve` (`make dev`): installs the
//! panic hook and mounts [`portal_web::App`]. Release builds serve the
//! smaller entries in `src/bin/` instead (see `portal_domain::entries`).

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(portal_web::App);
}
