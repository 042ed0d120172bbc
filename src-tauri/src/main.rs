// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    // scripts/desk.sh asks which database the desk would open, so that the
    // default path is defined once, in accord-app.
    if std::env::args().nth(1).as_deref() == Some("--print-database-url") {
        println!("{}", accord_desk::database_url());
        return;
    }
    accord_desk::run();
}
