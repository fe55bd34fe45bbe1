//! Entry point of the browser app: installs the panic hook and mounts [`portal_web::App`].

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(portal_web::App);
}
