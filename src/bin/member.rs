//! The member entry (every signed-in page): mounts [`portal_web::MemberApp`].

fn main() {
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(portal_web::MemberApp);
}
