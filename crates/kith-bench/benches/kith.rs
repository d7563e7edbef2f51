//! In-process benchmarks: the pure rules, the demo generator, and store queries on a real
//! SQLite file. Each group carries a baseline measured in the same run (a trivial query,
//! an empty parse) so a noisy machine shows up in both columns.

use jiff::civil::date;
use kith_core::Handle;
use kith_core::when::parse_date;
use kith_db::{Database, DbLocation};
use kith_demo::DemoSpec;
use kith_store::{PersonFilter, Store};

fn main() {
    divan::main();
}

const NAMES: &[&str] = &[
    "Ada Lovelace",
    "José Müller-Lüdenscheidt",
    "Conan O'Brien",
    "李小龍",
    "Zoë 🚀 Chen",
];
const DATES: &[&str] = &["2026-11-20", "yesterday", "3d ago", "in 2w", "next friday"];

mod rules {
    use super::*;

    #[divan::bench]
    fn baseline_string_copy() -> usize {
        NAMES
            .iter()
            .map(|n| divan::black_box(n).to_string().len())
            .sum()
    }

    #[divan::bench]
    fn handle_from_name() -> usize {
        NAMES
            .iter()
            .map(|n| {
                Handle::base_for(divan::black_box(n), "person")
                    .as_str()
                    .len()
            })
            .sum()
    }

    #[divan::bench]
    fn parse_typed_dates() -> usize {
        let today = date(2026, 11, 23);
        DATES
            .iter()
            .filter(|d| parse_date(divan::black_box(d), today).is_ok())
            .count()
    }
}

mod demo {
    use super::*;

    #[divan::bench(args = [300, 3_000])]
    fn generate(people: usize) -> usize {
        let spec = DemoSpec {
            people,
            ..DemoSpec::default()
        };
        kith_demo::generate(&spec).interactions.len()
    }
}

/// A 3,000-person demo network in a temporary SQLite file.
struct Fixture {
    runtime: tokio::runtime::Runtime,
    store: std::sync::Arc<dyn Store>,
    handle: Handle,
    _dir: tempfile::TempDir,
}

fn fixture() -> Fixture {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let dir = tempfile::tempdir().expect("temp dir");
    let location = DbLocation::Sqlite(dir.path().join("bench.db"));
    let (store, handle) = runtime.block_on(async {
        let db = Database::open(&location).await.expect("open");
        let store = db.store(db.owner("bench").await.expect("owner"));
        let batch = kith_demo::generate(&DemoSpec {
            people: 3_000,
            ..DemoSpec::default()
        });
        store.insert_network(&batch).await.expect("insert");
        let handle = batch.people[batch.people.len() / 2].handle.clone();
        (store, handle)
    });
    Fixture {
        runtime,
        store,
        handle,
        _dir: dir,
    }
}

mod sqlite_store {
    use super::*;

    #[divan::bench]
    fn baseline_count_people(bencher: divan::Bencher) {
        let f = fixture();
        bencher.bench_local(|| f.runtime.block_on(f.store.count_people()).expect("count"));
    }

    #[divan::bench]
    fn person_by_handle(bencher: divan::Bencher) {
        let f = fixture();
        bencher.bench_local(|| {
            f.runtime
                .block_on(f.store.person(&f.handle))
                .expect("person")
        });
    }

    #[divan::bench]
    fn first_50_people(bencher: divan::Bencher) {
        let f = fixture();
        let filter = PersonFilter {
            limit: Some(50),
            ..PersonFilter::default()
        };
        bencher.bench_local(|| f.runtime.block_on(f.store.people(&filter)).expect("people"));
    }

    #[divan::bench(args = ["kubernetes", "rust meetup", "a"])]
    fn search(bencher: divan::Bencher, query: &str) {
        let f = fixture();
        bencher.bench_local(|| {
            f.runtime
                .block_on(f.store.search(query, 20))
                .expect("search")
        });
    }
}
