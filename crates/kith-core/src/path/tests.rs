//! The path search's tests: hand-built graphs, and property tests against a brute-force
//! enumeration of every simple path.

use super::*;
use proptest::prelude::*;

fn hop(node: u32, weight: f64) -> FirstHop {
    FirstHop { node, weight }
}

/// The person sequences and alternate flags `best_routes` gives.
fn routes(
    nodes: u32,
    edges: &[(u32, u32, f32)],
    first_hops: &[FirstHop],
    targets: &[u32],
    k: usize,
    max_hops: u8,
) -> Vec<Route> {
    let graph = Graph::from_edges(nodes, edges).unwrap();
    let query = Query {
        first_hops,
        targets,
        k,
        max_hops,
    };
    best_routes(&graph, &query)
}

struct Case {
    name: &'static str,
    nodes: u32,
    edges: &'static [(u32, u32, f32)],
    first_hops: &'static [(u32, f64)],
    targets: &'static [u32],
    k: usize,
    max_hops: u8,
    /// (people, alternate, score)
    expected: &'static [(&'static [u32], bool, f64)],
}

const CHAIN: &[(u32, u32, f32)] = &[(0, 1, 0.8), (1, 2, 0.5), (2, 3, 1.0)];
/// Friend 0 reaches the target 5 two ways (via 2 at 0.9, via 3 at 0.6); friend 1
/// only directly-ish, more weakly (via 4 at 0.4).
const FRIENDS: &[(u32, u32, f32)] = &[
    (0, 2, 1.0),
    (2, 5, 0.9),
    (0, 3, 1.0),
    (3, 5, 0.6),
    (1, 4, 1.0),
    (4, 5, 0.4),
];
/// A strong triangle 0-1-2 with a weak way out to the target 3.
const TRIANGLE: &[(u32, u32, f32)] = &[(0, 1, 1.0), (1, 2, 1.0), (2, 0, 1.0), (2, 3, 0.6)];
/// Everything weighs 1.0: two equal ways from 0 to 3, and two direct friends 4 and 5.
const FLAT: &[(u32, u32, f32)] = &[(0, 2, 1.0), (0, 1, 1.0), (2, 3, 1.0), (1, 3, 1.0)];

/// All 1.0: 0 reaches the target 9 by 1-2 (long), 5 and 6 (short); 1 reaches 4 by 2 or 3.
const LADDERS: &[(u32, u32, f32)] = &[
    (0, 1, 1.0),
    (1, 2, 1.0),
    (2, 9, 1.0),
    (0, 5, 1.0),
    (5, 9, 1.0),
    (0, 6, 1.0),
    (6, 9, 1.0),
    (1, 3, 1.0),
    (3, 4, 1.0),
    (2, 4, 1.0),
];

const CASES: &[Case] = &[
    Case {
        name: "a first hop at the target is a one-person route",
        nodes: 2,
        edges: &[],
        first_hops: &[(0, 0.8)],
        targets: &[0],
        k: 3,
        max_hops: 1,
        expected: &[(&[0], false, 0.8)],
    },
    Case {
        name: "a chain of two ties",
        nodes: 4,
        edges: CHAIN,
        first_hops: &[(0, 1.0)],
        targets: &[2],
        k: 3,
        max_hops: 3,
        expected: &[(&[0, 1, 2], false, 0.4)],
    },
    Case {
        name: "max_hops 1 allows only first hops at the target",
        nodes: 4,
        edges: CHAIN,
        first_hops: &[(0, 1.0), (3, 0.5)],
        targets: &[1, 3],
        k: 3,
        max_hops: 1,
        expected: &[(&[3], false, 0.5)],
    },
    Case {
        name: "max_hops 2 allows one tie",
        nodes: 4,
        edges: CHAIN,
        first_hops: &[(0, 1.0)],
        targets: &[2, 1],
        k: 3,
        max_hops: 2,
        expected: &[(&[0, 1], false, 0.8)],
    },
    Case {
        name: "max_hops 3 is one tie short of the end of the chain",
        nodes: 4,
        edges: CHAIN,
        first_hops: &[(0, 1.0)],
        targets: &[3],
        k: 3,
        max_hops: 3,
        expected: &[],
    },
    Case {
        name: "max_hops 4 reaches the end of the chain",
        nodes: 4,
        edges: CHAIN,
        first_hops: &[(0, 0.5)],
        targets: &[3],
        k: 3,
        max_hops: 4,
        expected: &[(&[0, 1, 2, 3], false, 0.2)],
    },
    Case {
        name: "distinct first hops come before a better second route through the same friend",
        nodes: 6,
        edges: FRIENDS,
        first_hops: &[(0, 1.0), (1, 1.0)],
        targets: &[5],
        k: 2,
        max_hops: 3,
        expected: &[(&[0, 2, 5], false, 0.9), (&[1, 4, 5], false, 0.4)],
    },
    Case {
        name: "alternates fill the places distinct first hops leave",
        nodes: 6,
        edges: FRIENDS,
        first_hops: &[(0, 1.0), (1, 1.0)],
        targets: &[5],
        k: 4,
        max_hops: 3,
        expected: &[
            (&[0, 2, 5], false, 0.9),
            (&[1, 4, 5], false, 0.4),
            (&[0, 3, 5], true, 0.6),
        ],
    },
    Case {
        name: "a loop through the triangle is never taken, and the longer way is an alternate",
        nodes: 4,
        edges: TRIANGLE,
        first_hops: &[(0, 1.0)],
        targets: &[3],
        k: 5,
        max_hops: 6,
        expected: &[(&[0, 2, 3], false, 0.6), (&[0, 1, 2, 3], true, 0.6)],
    },
    Case {
        name: "a route ends at the first target it meets",
        nodes: 3,
        edges: &[(0, 1, 1.0), (1, 2, 1.0)],
        first_hops: &[(0, 1.0)],
        targets: &[1, 2],
        k: 3,
        max_hops: 4,
        expected: &[(&[0, 1], false, 1.0)],
    },
    Case {
        name: "an unreachable target gives nothing",
        nodes: 4,
        edges: &[(0, 1, 1.0), (2, 3, 1.0)],
        first_hops: &[(0, 1.0)],
        targets: &[3],
        k: 3,
        max_hops: 4,
        expected: &[],
    },
    Case {
        name: "k = 0 gives nothing",
        nodes: 4,
        edges: CHAIN,
        first_hops: &[(0, 1.0)],
        targets: &[1],
        k: 0,
        max_hops: 4,
        expected: &[],
    },
    Case {
        name: "max_hops = 0 gives nothing, not even a first hop at the target",
        nodes: 4,
        edges: CHAIN,
        first_hops: &[(0, 1.0)],
        targets: &[0],
        k: 3,
        max_hops: 0,
        expected: &[],
    },
    Case {
        name: "a first hop listed twice counts once with its larger weight; a twice-listed target once",
        nodes: 4,
        edges: CHAIN,
        first_hops: &[(0, 0.25), (0, 0.5), (0, 0.0)],
        targets: &[1, 1],
        k: 3,
        max_hops: 2,
        expected: &[(&[0, 1], false, 0.4)],
    },
    Case {
        name: "first hops weighing nothing, NaN, or outside the graph are ignored",
        nodes: 4,
        edges: CHAIN,
        first_hops: &[(0, 0.0), (2, -1.0), (1, f64::NAN), (9, 1.0)],
        targets: &[3, 9],
        k: 3,
        max_hops: 4,
        expected: &[],
    },
    Case {
        name: "equal scores: fewer people first, then the smaller sequence, for primaries and alternates",
        nodes: 6,
        edges: FLAT,
        first_hops: &[(5, 1.0), (0, 1.0), (4, 1.0)],
        targets: &[3, 4, 5],
        k: 5,
        max_hops: 3,
        expected: &[
            (&[4], false, 1.0),
            (&[5], false, 1.0),
            (&[0, 1, 3], false, 1.0),
            (&[0, 2, 3], true, 1.0),
        ],
    },
    Case {
        name: "equal scores two ties in: the smaller neighbour",
        nodes: 10,
        edges: LADDERS,
        first_hops: &[(0, 1.0)],
        targets: &[4],
        k: 1,
        max_hops: 4,
        expected: &[(&[0, 1, 2, 4], false, 1.0)],
    },
    Case {
        name: "an equal alternate found late still wins by being shorter",
        nodes: 10,
        edges: LADDERS,
        first_hops: &[(0, 1.0)],
        targets: &[9],
        k: 3,
        max_hops: 4,
        expected: &[
            (&[0, 5, 9], false, 1.0),
            (&[0, 6, 9], true, 1.0),
            (&[0, 1, 2, 9], true, 1.0),
        ],
    },
];

#[test]
fn hand_built_graphs() {
    for case in CASES {
        let first_hops: Vec<FirstHop> = case.first_hops.iter().map(|&(n, w)| hop(n, w)).collect();
        for _ in 0..2 {
            let got = routes(
                case.nodes,
                case.edges,
                &first_hops,
                case.targets,
                case.k,
                case.max_hops,
            );
            let got_shape: Vec<(&[u32], bool)> = got
                .iter()
                .map(|r| (r.nodes.as_slice(), r.alternate))
                .collect();
            let expected_shape: Vec<(&[u32], bool)> =
                case.expected.iter().map(|&(n, a, _)| (n, a)).collect();
            assert_eq!(got_shape, expected_shape, "{}", case.name);
            for (route, &(_, _, score)) in got.iter().zip(case.expected) {
                assert!(
                    (route.score - score).abs() < 1e-6,
                    "{}: {route:?}",
                    case.name
                );
                assert_valid(case.edges, &first_hops, case.targets, case.max_hops, route);
            }
        }
    }
}

#[test]
fn routes_name_the_ties_they_walk() {
    let got = routes(6, FRIENDS, &[hop(0, 1.0), hop(1, 1.0)], &[5], 4, 3);
    let edges: Vec<&[u32]> = got.iter().map(|r| r.edges.as_slice()).collect();
    assert_eq!(edges, [&[0, 1][..], &[4, 5], &[2, 3]]);
}

#[test]
fn graph_rejects_bad_ties_and_merges_parallel_ones() {
    assert_eq!(
        Graph::from_edges(2, &[(0, 1, 0.5), (1, 2, 0.5)]),
        Err(GraphError::NodeOutOfRange {
            edge: 1,
            node: 2,
            nodes: 2
        })
    );
    for weight in [0.0, -0.5, 1.5, f32::NAN, f32::INFINITY] {
        let err = Graph::from_edges(2, &[(0, 1, weight)]).unwrap_err();
        assert!(
            matches!(err, GraphError::Weight { edge: 0, .. }),
            "{weight}"
        );
    }

    // Ties 1 and 3 join the same pair at the same strength: the earlier one stays.
    let graph = Graph::from_edges(
        4,
        &[
            (0, 1, 0.4),
            (2, 0, 0.6),
            (1, 1, 1.0),
            (0, 2, 0.6),
            (0, 3, 0.2),
        ],
    )
    .unwrap();
    assert_eq!((graph.node_count(), graph.edge_count()), (4, 3));
    let around_0: Vec<Neighbour> = graph.neighbours(0).collect();
    let expected = [
        Neighbour {
            node: 1,
            weight: 0.4,
            edge: 0,
        },
        Neighbour {
            node: 2,
            weight: 0.6,
            edge: 1,
        },
        Neighbour {
            node: 3,
            weight: 0.2,
            edge: 4,
        },
    ];
    assert_eq!(around_0, expected);
    let around_2: Vec<Neighbour> = graph.neighbours(2).collect();
    assert_eq!(
        around_2,
        [Neighbour {
            node: 0,
            weight: 0.6,
            edge: 1
        }]
    );
    assert_eq!(graph.neighbours(1).count(), 1, "the self-loop is ignored");
    assert_eq!(graph.neighbours(7).count(), 0);

    let stronger_later = Graph::from_edges(2, &[(0, 1, 0.2), (1, 0, 0.8)]).unwrap();
    let only: Vec<Neighbour> = stronger_later.neighbours(1).collect();
    assert_eq!(
        only,
        [Neighbour {
            node: 0,
            weight: 0.8,
            edge: 1
        }]
    );
}

#[test]
fn reach_counts_the_seekers_own_edge() {
    let graph = Graph::from_edges(4, CHAIN).unwrap();
    let hops = [hop(0, 0.5), hop(0, 1.0), hop(3, 0.1)];
    let table: &[(u8, [f64; 4])] = &[
        (0, [0.0, 0.0, 0.0, 0.0]),
        (1, [1.0, 0.0, 0.0, 0.1]),
        (2, [1.0, 0.8, 0.1, 0.1]),
        (3, [1.0, 0.8, 0.4, 0.1]),
        (4, [1.0, 0.8, 0.4, 0.4]),
    ];
    for (max_hops, expected) in table {
        let got = reach(&graph, &hops, *max_hops);
        assert_eq!(got.len(), 4);
        for (g, e) in got.iter().zip(expected) {
            assert!((g - e).abs() < 1e-6, "max_hops {max_hops}: {got:?}");
        }
    }
}

/// Checks everything a route promises, against the raw tie list.
fn assert_valid(
    edges: &[(u32, u32, f32)],
    first_hops: &[FirstHop],
    targets: &[u32],
    max_hops: u8,
    route: &Route,
) {
    let first = route.nodes[0];
    let weight = first_hops
        .iter()
        .filter(|h| h.node == first)
        .map(|h| h.weight)
        .fold(f64::NEG_INFINITY, f64::max);
    assert!(weight > 0.0, "{route:?} starts at a first hop");
    assert_eq!(route.edges.len() + 1, route.nodes.len(), "{route:?}");
    assert!(
        route.nodes.len() <= usize::from(max_hops),
        "{route:?} is within max_hops"
    );
    let (last, before) = route.nodes.split_last().unwrap();
    assert!(targets.contains(last), "{route:?} ends at a target");
    assert!(
        before.iter().all(|v| !targets.contains(v)),
        "{route:?} stops at the first target"
    );
    let mut seen = route.nodes.clone();
    seen.sort_unstable();
    seen.dedup();
    assert_eq!(seen.len(), route.nodes.len(), "{route:?} is loopless");
    let mut product = weight;
    for (pair, &e) in route.nodes.windows(2).zip(&route.edges) {
        let (a, b, w) = edges[e as usize];
        assert!(
            (a, b) == (pair[0], pair[1]) || (b, a) == (pair[0], pair[1]),
            "{route:?}"
        );
        product *= f64::from(w);
    }
    assert!(
        (product - route.score).abs() < 1e-9,
        "{route:?} scores {product}"
    );
}

/// Every route, by plain enumeration of simple paths over a strongest-tie matrix.
fn brute_force(
    n: u32,
    edges: &[(u32, u32, f32)],
    first_hops: &[FirstHop],
    targets: &[u32],
    max_hops: u8,
) -> Vec<(Vec<u32>, f64)> {
    let n = n as usize;
    let mut tie = vec![vec![0.0f64; n]; n];
    for &(a, b, w) in edges.iter().filter(|e| e.0 != e.1) {
        let (a, b) = (a as usize, b as usize);
        tie[a][b] = tie[a][b].max(f64::from(w));
        tie[b][a] = tie[a][b];
    }
    let mut hop_weight = vec![0.0f64; n];
    for h in first_hops {
        hop_weight[h.node as usize] = hop_weight[h.node as usize].max(h.weight);
    }
    fn walk(
        path: &mut Vec<u32>,
        score: f64,
        tie: &[Vec<f64>],
        targets: &[u32],
        max_hops: usize,
        out: &mut Vec<(Vec<u32>, f64)>,
    ) {
        let v = *path.last().unwrap();
        if targets.contains(&v) {
            out.push((path.clone(), score));
            return;
        }
        if path.len() == max_hops {
            return;
        }
        for u in 0..tie.len() as u32 {
            let w = tie[v as usize][u as usize];
            if w > 0.0 && !path.contains(&u) {
                path.push(u);
                walk(path, score * w, tie, targets, max_hops, out);
                path.pop();
            }
        }
    }
    let mut out = Vec::new();
    for start in 0..n as u32 {
        if hop_weight[start as usize] > 0.0 && max_hops > 0 {
            let weight = hop_weight[start as usize];
            walk(
                &mut vec![start],
                weight,
                &tie,
                targets,
                usize::from(max_hops),
                &mut out,
            );
        }
    }
    out
}

fn assert_close(got: &[f64], expected: &[f64], what: &str) {
    assert_eq!(got.len(), expected.len(), "{what}: {got:?} vs {expected:?}");
    for (g, e) in got.iter().zip(expected) {
        assert!((g - e).abs() < 1e-9, "{what}: {got:?} vs {expected:?}");
    }
}

fn descending(mut scores: Vec<f64>) -> Vec<f64> {
    scores.sort_by(|a, b| b.total_cmp(a));
    scores
}

/// Small random graphs: up to 9 people, weights from the declared strengths.
/// People, ties, first hops, targets, k and max_hops.
type World = (
    u32,
    Vec<(u32, u32, f32)>,
    Vec<FirstHop>,
    Vec<u32>,
    usize,
    u8,
);

fn small_world() -> impl Strategy<Value = World> {
    const TIE: [f32; 5] = [0.2, 0.4, 0.6, 0.8, 1.0];
    const HOP: [f64; 6] = [0.0, 0.2, 0.5, 0.7, 0.9, 1.0];
    (1u32..=9).prop_flat_map(|n| {
        (
            Just(n),
            proptest::collection::vec((0..n, 0..n, 0..TIE.len()), 0..24)
                .prop_map(|es| es.into_iter().map(|(a, b, w)| (a, b, TIE[w])).collect()),
            proptest::collection::vec((0..n, 0..HOP.len()), 0..5).prop_map(|hs| {
                hs.into_iter()
                    .map(|(v, w)| FirstHop {
                        node: v,
                        weight: HOP[w],
                    })
                    .collect()
            }),
            proptest::collection::vec(0..n, 0..4),
            1usize..=5,
            1u8..=4,
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn best_routes_agree_with_brute_force(
        (n, edges, first_hops, targets, k, max_hops) in small_world()
    ) {
        let graph = Graph::from_edges(n, &edges).unwrap();
        let query = Query { first_hops: &first_hops, targets: &targets, k, max_hops };
        let got = best_routes(&graph, &query);
        prop_assert_eq!(&got, &best_routes(&graph, &query), "deterministic");
        // The order ties are listed in (and so the order of each person's ties) changes
        // only which index a route names among equally strong parallel ties.
        let reversed: Vec<_> = edges.iter().rev().copied().collect();
        let shuffled = Graph::from_edges(n, &reversed).unwrap();
        let same = |routes: &[Route]| -> Vec<(Vec<u32>, u64, bool)> {
            routes.iter().map(|r| (r.nodes.clone(), r.score.to_bits(), r.alternate)).collect()
        };
        prop_assert_eq!(same(&got), same(&best_routes(&shuffled, &query)), "order-free");
        let all = brute_force(n, &edges, &first_hops, &targets, max_hops);

        for route in &got {
            assert_valid(&edges, &first_hops, &targets, max_hops, route);
        }
        let split = got.iter().position(|r| r.alternate).unwrap_or(got.len());
        let (primaries, alternates) = got.split_at(split);
        prop_assert!(alternates.iter().all(|r| r.alternate), "alternates come last");
        for list in [primaries, alternates] {
            prop_assert!(list.windows(2).all(|w| rank(&w[0], &w[1]) == Ordering::Less), "ranked");
        }

        // Primaries: the best score of each first hop, top k.
        let mut best_per_hop: Vec<(u32, f64)> = Vec::new();
        for (nodes, score) in &all {
            match best_per_hop.iter_mut().find(|(h, _)| *h == nodes[0]) {
                Some(entry) => entry.1 = entry.1.max(*score),
                None => best_per_hop.push((nodes[0], *score)),
            }
        }
        let expected = descending(best_per_hop.iter().map(|e| e.1).collect());
        let expected = &expected[..expected.len().min(k)];
        let scores: Vec<f64> = primaries.iter().map(|r| r.score).collect();
        prop_assert_eq!(descending(scores.clone()), scores.clone(), "primaries by score");
        assert_close(&scores, expected, "primary scores");
        let mut hops: Vec<u32> = primaries.iter().map(|r| r.nodes[0]).collect();
        for route in primaries {
            let (_, best) = best_per_hop.iter().find(|(h, _)| *h == route.nodes[0]).unwrap();
            assert_close(&[route.score], &[*best], "a primary is its first hop's best");
        }
        hops.sort_unstable();
        hops.dedup();
        prop_assert_eq!(hops.len(), primaries.len(), "distinct first hops");

        // Alternates: the next best routes through the listed first hops.
        let expected: Vec<f64> = if primaries.len() < k {
            let further = all
                .iter()
                .filter(|(nodes, _)| primaries.iter().all(|p| p.nodes != *nodes))
                .map(|(_, score)| *score)
                .collect();
            let further = descending(further);
            further[..further.len().min(k - primaries.len())].to_vec()
        } else {
            Vec::new()
        };
        let scores: Vec<f64> = alternates.iter().map(|r| r.score).collect();
        assert_close(&scores, &expected, "alternate scores");
        let mut sequences: Vec<&Vec<u32>> = got.iter().map(|r| &r.nodes).collect();
        sequences.sort();
        sequences.dedup();
        prop_assert_eq!(sequences.len(), got.len(), "distinct sequences");
    }

    /// With every tie at 1.0 all products are exact, so the tie-breaking rules can be
    /// checked sequence by sequence, not just score by score.
    #[test]
    fn equal_scores_break_exactly_as_documented(
        (n, edges, first_hops, targets, k, max_hops) in small_world()
    ) {
        let edges: Vec<(u32, u32, f32)> = edges.into_iter().map(|(a, b, _)| (a, b, 1.0)).collect();
        let got = routes(n, &edges, &first_hops, &targets, k, max_hops);
        let key = |nodes: &Vec<u32>, score: f64| (std::cmp::Reverse(score.to_bits()), nodes.len(), nodes.clone());
        let mut all = brute_force(n, &edges, &first_hops, &targets, max_hops);
        all.sort_by_key(|(nodes, score)| key(nodes, *score));
        let mut expected: Vec<(Vec<u32>, bool)> = Vec::new();
        for (nodes, _) in &all {
            if expected.iter().all(|(e, _)| e[0] != nodes[0]) {
                expected.push((nodes.clone(), false));
            }
        }
        let mut primaries: Vec<(Vec<u32>, f64)> = all
            .iter()
            .filter(|(nodes, _)| expected.iter().any(|(e, _)| e == nodes))
            .cloned()
            .collect();
        primaries.sort_by_key(|(nodes, score)| key(nodes, *score));
        primaries.truncate(k);
        let mut expected: Vec<(Vec<u32>, bool)> = primaries.iter().map(|(n, _)| (n.clone(), false)).collect();
        if expected.len() < k {
            let room = k - expected.len();
            let further = all
                .iter()
                .filter(|(nodes, _)| primaries.iter().all(|(p, _)| p != nodes))
                .take(room)
                .map(|(nodes, _)| (nodes.clone(), true));
            expected.extend(further.collect::<Vec<_>>());
        }
        let got: Vec<(Vec<u32>, bool)> = got.into_iter().map(|r| (r.nodes, r.alternate)).collect();
        prop_assert_eq!(got, expected);
    }

    /// The exact search `best_routes` falls back on finds the ladder's score to the bit.
    #[test]
    fn exact_search_matches_the_ladder(
        (n, edges, first_hops, targets, _k, max_hops) in small_world()
    ) {
        let graph = Graph::from_edges(n, &edges).unwrap();
        let mut is_target = vec![false; n as usize];
        for &t in &targets {
            is_target[t as usize] = true;
        }
        let ties = usize::from(max_hops) - 1;
        let ladder = Ladder::climb(&graph, is_target, ties.saturating_sub(1));
        for hop in usable_first_hops(&first_hops, n) {
            if ladder.is_target[hop.node as usize] {
                continue;
            }
            let mut search = Search::new(&graph, &ladder, 1, false);
            search.from(hop, ties, &[]);
            let exact = search.kept.pop().map(|r| r.score.to_bits());
            let traced = ladder.primary(&graph, hop, ties).map(|r| r.score.to_bits());
            prop_assert_eq!(exact, traced);
        }
    }

    #[test]
    fn reach_agrees_with_brute_force(
        (n, edges, first_hops, _targets, _k, max_hops) in small_world()
    ) {
        let graph = Graph::from_edges(n, &edges).unwrap();
        let everyone: Vec<u32> = (0..n).collect();
        // With every person a target, a route stops at its first person, so enumerate
        // per target instead: the best route ending at v may pass through anyone.
        let mut expected = vec![0.0f64; n as usize];
        for &v in &everyone {
            for (nodes, score) in brute_force(n, &edges, &first_hops, &[v], max_hops) {
                if nodes.last() == Some(&v) {
                    expected[v as usize] = expected[v as usize].max(score);
                }
            }
        }
        assert_close(&reach(&graph, &first_hops, max_hops), &expected, "reach");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    /// A route's bound is at least the score of every route through that first hop with
    /// the seeker's step at 1, and equal to the best one within three hops.
    #[test]
    fn route_bounds_bound_every_route(case in small_world()) {
        let (nodes, edges, _, targets, _, max_hops) = case;
        let graph = Graph::from_edges(nodes, &edges).unwrap();
        let bounds = route_bounds(&graph, &targets, max_hops);
        prop_assert_eq!(bounds.len(), nodes as usize);
        for v in 0..nodes {
            let hop = [FirstHop { node: v, weight: 1.0 }];
            let routes = best_routes(
                &graph,
                &Query { first_hops: &hop, targets: &targets, k: 1, max_hops },
            );
            let best = routes.first().map_or(0.0, |r| r.score);
            prop_assert!(bounds[v as usize] >= best - 1e-12, "node {}: {} < {}", v, bounds[v as usize], best);
            if max_hops <= 3 {
                prop_assert!((bounds[v as usize] - best).abs() < 1e-12, "node {}: {} vs {}", v, bounds[v as usize], best);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    /// The best way in is `best_routes`' first; the first hops reaching are exactly those
    /// with a route, with its score (within three hops).
    #[test]
    fn ways_in_agree_with_best_routes(
        (n, edges, first_hops, targets, _k, max_hops) in small_world()
    ) {
        let graph = Graph::from_edges(n, &edges).unwrap();
        let ways = ways_in(&graph, &first_hops, &targets, max_hops);
        let all = best_routes(
            &graph,
            &Query { first_hops: &first_hops, targets: &targets, k: usize::MAX, max_hops },
        );
        let primaries: Vec<&Route> = all.iter().filter(|r| !r.alternate).collect();
        prop_assert_eq!(ways.best.as_ref(), primaries.first().copied());
        prop_assert!(ways.reaching.windows(2).all(|w| w[0].1 >= w[1].1), "best first");
        if max_hops <= 3 {
            let mut got: Vec<(u32, u64)> =
                ways.reaching.iter().map(|(n, s)| (*n, s.to_bits())).collect();
            let mut want: Vec<(u32, u64)> =
                primaries.iter().map(|r| (r.nodes[0], r.score.to_bits())).collect();
            got.sort_unstable();
            want.sort_unstable();
            prop_assert_eq!(got, want);
        } else {
            prop_assert!(ways.reaching.len() >= primaries.len());
        }
    }
}
