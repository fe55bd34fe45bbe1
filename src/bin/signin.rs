//! The sign-in entry (`/login`, `/register`): mounts [`portal_web::SignInApp`].

fn main() {
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(portal_web::SignInApp);
}
