//! `portal-server`: see `portal-server --help`.

use clap::Parser;
use portal_server::config::Config;
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn")),
        )
        .init();
    let config = Config::parse();
    if let Some(command) = config.command.clone() {
        return portal_server::run_command(&config, command).await;
    }
    let demo = config.demo;
    let addr = config.addr;
    // Bind before the (slow) demo seed, and say plainly when the port is taken.
    let listener = match tokio::net::TcpListener::bind(addr).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("portal-server: cannot listen on {addr}: {e} (choose another with --addr or PORTAL_ADDR)");
            std::process::exit(1);
        }
    };
    let state = portal_server::build_state(config).await?;
    let url = format!("http://{}", listener.local_addr()?);
    if demo {
        println!("{}", portal_server::demo::banner(&url));
    } else {
        println!("\n  Member portal: {url}\n");
    }
    portal_server::serve(listener, state, shutdown_signal()).await
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}
