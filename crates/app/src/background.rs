//! Threads for an import's CPU work (parsing, encoding, chaining), run at a
//! lower priority.
//!
//! A large import is bounded by one thread: SQLite's, writing the rows. On a
//! machine with few cores the parser and the planners would otherwise take
//! equal turns with it and slow it down; at a lower priority they mostly use
//! what it leaves (they need only stay ahead of it). Not the lowest: on a
//! busy machine, other programs must not starve an import. On a desk, the
//! window's threads keep their priority over an import too.

use thread_priority::{ThreadPriority, ThreadPriorityValue};

/// On Linux, nice 9 for the calling thread only: about a tenth of a normal
/// thread's share of a contended core.
const LOWER: u8 = 25;

/// Lowers the calling thread's priority. Failing to is harmless: the work is
/// the same.
pub(crate) fn lower_this_thread() {
    if let Ok(value) = ThreadPriorityValue::try_from(LOWER) {
        let _ = thread_priority::set_current_thread_priority(ThreadPriority::Crossplatform(value));
    }
}

/// `f` over `items` on every core (at a lower priority), results in the
/// items' order.
pub(crate) fn parallel_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    if threads < 2 || items.len() < 64 {
        return items.iter().map(f).collect();
    }
    let f = &f;
    std::thread::scope(|s| {
        let parts: Vec<_> = items
            .chunks(items.len().div_ceil(threads))
            .map(|part| {
                s.spawn(move || {
                    lower_this_thread();
                    part.iter().map(f).collect::<Vec<R>>()
                })
            })
            .collect();
        parts
            .into_iter()
            .flat_map(|p| p.join().expect("an import worker panicked"))
            .collect()
    })
}

/// Runs `f` on a new thread of lower priority, named `name`.
pub(crate) fn spawn_low<R: Send + 'static>(
    name: &str,
    f: impl FnOnce() -> R + Send + 'static,
) -> std::io::Result<std::thread::JoinHandle<R>> {
    std::thread::Builder::new()
        .name(name.to_string())
        .spawn(move || {
            lower_this_thread();
            f()
        })
}

#[cfg(test)]
mod tests {
    use super::parallel_map;

    #[test]
    fn parallel_map_keeps_order() {
        let items: Vec<u32> = (0..1000).collect();
        assert_eq!(
            parallel_map(&items, |x| x * 2),
            items.iter().map(|x| x * 2).collect::<Vec<_>>()
        );
    }

    /// The threads really are lowered (where the OS lets a thread do that).
    #[test]
    #[cfg(target_os = "linux")]
    fn spawned_threads_run_at_nice_9() {
        let nice = super::spawn_low("test", || {
            std::fs::read_to_string("/proc/thread-self/stat").map(|stat| {
                // After the command name (in parentheses): field 19 is nice.
                let rest = &stat[stat.rfind(')').unwrap() + 2..];
                rest.split(' ').nth(16).unwrap().to_string()
            })
        })
        .unwrap()
        .join()
        .unwrap()
        .unwrap();
        assert_eq!(nice, "9");
    }
}
