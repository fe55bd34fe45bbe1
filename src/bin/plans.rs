//! The plans entry (`/plans`, `/estimate`): mounts [`portal_web::PlansApp`].

fn main() {
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(portal_web::PlansApp);
}
