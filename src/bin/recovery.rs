//! The recovery entry (/forgot-username, /forgot-password, /unlock): mounts [`portal_web::RecoveryApp`].

fn main() {
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(portal_web::RecoveryApp);
}
