//! The claims entry (/claims, /claims/:id): mounts [`portal_web::ClaimsApp`].

fn main() {
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(portal_web::ClaimsApp);
}
