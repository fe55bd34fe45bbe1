//! The home entry (`/`, `/alerts`, `/id-card`, `/cards`): mounts [`portal_web::HomeApp`].

fn main() {
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(portal_web::HomeApp);
}
