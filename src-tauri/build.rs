include!("src/commands/names.rs");

fn main() {
    // tauri-build reads capabilities through the pattern below but does not
    // watch them: without this, an edited capability needs a clean build.
    println!("cargo:rerun-if-changed=src-tauri/capabilities");
    tauri_build::try_build(
        tauri_build::Attributes::new()
            // tauri.conf.json sits at the repository root, so Tauri's default
            // `./capabilities` would be the root's; ours live beside the shell.
            .capabilities_path_pattern("src-tauri/capabilities/**/*")
            // Declaring the app's commands puts them under the permission
            // system: the window may call only what its capability grants.
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri-build failed");
}
