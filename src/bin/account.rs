//! The account entry (`/account/...`): mounts [`portal_web::AccountApp`].

fn main() {
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(portal_web::AccountApp);
}
