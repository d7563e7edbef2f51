//! Warm-introduction paths: the best routes from the seeker through the people they know
//! to anyone at a target, ranked so that distinct first hops come first. Pure and I/O-free.
//!
//! # The model
//!
//! People are nodes `0..n`, numbered by the caller; the seeker is not a node. Ties between
//! people are undirected edges weighted in (0, 1]. The seeker knows some people directly
//! ([`FirstHop`]s, weighted in [0, 1]). A *route* is `me → n0 → n1 → … → nj` where `n0` is
//! a first hop, consecutive people share a tie, nobody appears twice, `nj` is a target, and
//! the route counts at most `max_hops` edges including `me → n0` (so at most `max_hops − 1`
//! ties). A route ends at the first target it meets: going through one person at a company
//! to reach another is the same introduction with extra steps, so a route never passes
//! through a target. A first hop who is a target is the one-person route `[n0]`. A route's
//! score is the first hop's weight times the product of its ties' weights.
//!
//! # What [`best_routes`] returns
//!
//! 1. Distinct first hops first: the single best route through each first hop that reaches
//!    a target, by score descending, at most `k` of them. Five paths through the same
//!    friend are one path, not five.
//! 2. Only when fewer than `k` first hops reach a target, the remaining places go to the
//!    next-best further routes (distinct person sequences) through the first hops already
//!    listed, marked [`Route::alternate`], after all the primaries, by score descending.
//! 3. First hops with weight ≤ 0 (or NaN) or outside the graph are ignored; a first hop
//!    listed twice counts once with its larger weight; targets outside the graph are
//!    ignored and a target listed twice counts once; `k = 0` or `max_hops = 0` gives nothing.
//! 4. Equal scores are broken by fewer people, then by the lexicographically smaller person
//!    sequence, so the same input always gives the same output. Scores are compared as the
//!    `f64` values computed, with the tie weights multiplied from the target end
//!    (`w0 · (w1 · (… · wj))`); two routes whose products agree in exact arithmetic but round
//!    differently are not a tie. One further caveat, for the choice *within* a first hop: the
//!    dynamic programme below compares a route only against the best continuation of each
//!    neighbour, so when a worse continuation rounds to exactly the same product, the
//!    lexicographic rule may pick a different one of the equal-score routes. Scores, counts
//!    and the ordering of the list are exact either way.
//! 5. Every route is loopless.
//!
//! # How
//!
//! A backward dynamic programme from the targets computes `best[h][v]`, the best product
//! from `v` to a target in at most `h` ties, together with the first step of that route,
//! visiting from each layer only the nodes whose value improved in the one before, so its
//! cost is proportional to the ties around the reached nodes, at most `O((max_hops − 1) ·
//! ties)`. A primary route follows those first steps from its first hop. Alternates come
//! from a depth-first search over simple paths from the listed first hops, pruned with
//! `best` as an upper bound so that only branches that could still enter the kept list are
//! walked; it runs only when first hops are too few to fill `k`. Building a [`Graph`] is
//! linear in people and ties. [`reach`] is the forward counterpart: the best score from the seeker to every
//! person, for ranking many companies over one loaded graph.
//!
//! ```
//! use kith_core::path::{FirstHop, Graph, Query, best_routes};
//!
//! // Ada (0) knows Bo (1) well; Bo knows Cy (2), who works at the company.
//! let graph = Graph::from_edges(3, &[(0, 1, 0.8), (1, 2, 0.6)])?;
//! let query = Query {
//!     first_hops: &[FirstHop { node: 0, weight: 1.0 }],
//!     targets: &[2],
//!     k: 3,
//!     max_hops: 3,
//! };
//! let routes = best_routes(&graph, &query);
//! assert_eq!(routes.len(), 1);
//! assert_eq!(routes[0].nodes, [0, 1, 2]);
//! assert_eq!(routes[0].edges, [0, 1]);
//! # Ok::<(), kith_core::path::GraphError>(())
//! ```

use std::cmp::Ordering;

/// Why a list of ties does not make a graph. Each names the offending tie by its index.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum GraphError {
    #[error("tie {edge} names person {node}, but the graph has only {nodes} people")]
    NodeOutOfRange { edge: usize, node: u32, nodes: u32 },
    #[error("tie {edge} has weight {weight}; a tie's weight must lie in (0, 1]")]
    Weight { edge: usize, weight: f32 },
    #[error("{count} ties are more than a graph can index (at most {MAX_EDGES})")]
    TooManyEdges { count: usize },
}

/// Both directions of every tie are stored and counted in `u32`.
const MAX_EDGES: usize = (u32::MAX / 2) as usize;

/// Undirected weighted graph in compressed sparse row form: each tie is stored in both
/// directions, each person's ties in the order of the list they were built from.
#[derive(Debug, Clone, PartialEq)]
pub struct Graph {
    /// `offsets[v]..offsets[v + 1]` are `v`'s slots.
    offsets: Vec<u32>,
    /// One array of whole slots rather than one per field: building scatters each slot to
    /// a random place once, and every walk reads the neighbour and weight together.
    slots: Vec<Slot>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct Slot {
    to: u32,
    edge: u32,
    weight: f32,
}

/// One tie seen from one end.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Neighbour {
    pub node: u32,
    pub weight: f32,
    /// The tie's index in the list given to [`Graph::from_edges`].
    pub edge: u32,
}

impl Graph {
    /// Builds the graph of `nodes` people from `edges[i] = (a, b, weight)`. The index `i`
    /// is kept so callers can find the tie's evidence. Self-loops are ignored. Of several
    /// ties between the same two people only the strongest is kept (the earliest among
    /// equals), since a route only ever walks one of them.
    pub fn from_edges(nodes: u32, edges: &[(u32, u32, f32)]) -> Result<Graph, GraphError> {
        if edges.len() > MAX_EDGES {
            return Err(GraphError::TooManyEdges { count: edges.len() });
        }
        let n = nodes as usize;
        let mut degree = vec![0u32; n];
        for (i, &(a, b, weight)) in edges.iter().enumerate() {
            for node in [a, b] {
                if node >= nodes {
                    return Err(GraphError::NodeOutOfRange {
                        edge: i,
                        node,
                        nodes,
                    });
                }
            }
            // Written so that NaN fails too.
            if !(weight > 0.0 && weight <= 1.0) {
                return Err(GraphError::Weight { edge: i, weight });
            }
            if a != b {
                degree[a as usize] += 1;
                degree[b as usize] += 1;
            }
        }
        let mut offsets = prefix_sums(&degree);
        let empty = Slot {
            to: 0,
            edge: 0,
            weight: 0.0,
        };
        let mut slots = vec![empty; offsets[n] as usize];
        let mut fill = degree;
        fill.copy_from_slice(&offsets[..n]);
        for (i, &(a, b, weight)) in edges.iter().enumerate() {
            if a != b {
                for (from, to) in [(a, b), (b, a)] {
                    slots[fill[from as usize] as usize] = Slot {
                        to,
                        edge: i as u32,
                        weight,
                    };
                    fill[from as usize] += 1;
                }
            }
        }

        // Keep the strongest of parallel ties, compacting in place. Each list holds its ties
        // in tie order, so the earliest among equals is met first, and both ends of a pair
        // keep the same tie. A marker per neighbour rather than sorting each list: sorting
        // was half the build time on a million ties.
        let mut seen = vec![(u32::MAX, 0u32); n];
        let mut kept = 0usize;
        let mut start = 0usize;
        for v in 0..n {
            let end = offsets[v + 1] as usize;
            for read in start..end {
                let slot = slots[read];
                let (by, at) = &mut seen[slot.to as usize];
                if *by == v as u32 {
                    if slot.weight > slots[*at as usize].weight {
                        slots[*at as usize] = slot;
                    }
                } else {
                    (*by, *at) = (v as u32, kept as u32);
                    slots[kept] = slot;
                    kept += 1;
                }
            }
            start = end;
            offsets[v + 1] = kept as u32;
        }
        slots.truncate(kept);
        Ok(Graph { offsets, slots })
    }

    /// The number of people.
    pub fn node_count(&self) -> u32 {
        (self.offsets.len() - 1) as u32
    }

    /// The number of undirected ties kept.
    pub fn edge_count(&self) -> usize {
        self.slots.len() / 2
    }

    /// `v`'s ties, in the order of the list the graph was built from; none for a person
    /// outside the graph. Routes never depend on this order.
    pub fn neighbours(&self, v: u32) -> impl Iterator<Item = Neighbour> + '_ {
        self.list(v).iter().map(|slot| Neighbour {
            node: slot.to,
            weight: slot.weight,
            edge: slot.edge,
        })
    }

    fn list(&self, v: u32) -> &[Slot] {
        let v = v as usize;
        match (self.offsets.get(v), self.offsets.get(v + 1)) {
            (Some(&start), Some(&end)) => {
                self.slots.get(start as usize..end as usize).unwrap_or(&[])
            }
            _ => &[],
        }
    }
}

fn prefix_sums(degree: &[u32]) -> Vec<u32> {
    let mut offsets = Vec::with_capacity(degree.len() + 1);
    let mut total = 0u32;
    offsets.push(0);
    for &d in degree {
        total += d;
        offsets.push(total);
    }
    offsets
}

/// Someone the seeker knows directly, and how well (in [0, 1]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FirstHop {
    pub node: u32,
    pub weight: f64,
}

/// What to look for: routes from `first_hops` to any of `targets`, the best `k`, using at
/// most `max_hops` edges counting the seeker's own.
#[derive(Debug, Clone, Copy)]
pub struct Query<'a> {
    pub first_hops: &'a [FirstHop],
    pub targets: &'a [u32],
    pub k: usize,
    pub max_hops: u8,
}

/// One introduction route.
#[derive(Debug, Clone, PartialEq)]
pub struct Route {
    /// First hop … target.
    pub nodes: Vec<u32>,
    /// Tie indices (as given to [`Graph::from_edges`]); one fewer than `nodes`.
    pub edges: Vec<u32>,
    pub score: f64,
    /// False for the best route through its first hop; true for a further route through a
    /// first hop already listed.
    pub alternate: bool,
}

/// Best first, then fewer people, then the smaller person sequence.
fn rank(a: &Route, b: &Route) -> Ordering {
    b.score
        .total_cmp(&a.score)
        .then(a.nodes.len().cmp(&b.nodes.len()))
        .then_with(|| a.nodes.cmp(&b.nodes))
}

/// The ranked routes for `query`; see the module documentation for exactly which.
pub fn best_routes(graph: &Graph, query: &Query) -> Vec<Route> {
    if query.k == 0 || query.max_hops == 0 {
        return Vec::new();
    }
    let Some((ladder, primaries, _)) = primaries(
        graph,
        query.first_hops,
        query.targets,
        query.max_hops,
        query.k,
    ) else {
        return Vec::new();
    };
    let ties = usize::from(query.max_hops) - 1;
    let mut alternates = Vec::new();
    if primaries.len() < query.k {
        let mut search = Search::new(graph, &ladder, query.k - primaries.len(), true);
        for (route, hop) in &primaries {
            if !ladder.is_target[hop.node as usize] {
                search.from(*hop, ties, &route.nodes);
            }
        }
        alternates = search.kept;
    }
    primaries
        .into_iter()
        .map(|(route, _)| route)
        .chain(alternates)
        .collect()
}

/// The ways into a set of targets on one graph: the best route, and every first hop that
/// reaches a target with what its best route scores, best first. Cheaper than
/// `best_routes` with no limit: only the best route is traced.
#[derive(Debug, Clone, PartialEq)]
pub struct WaysIn {
    pub best: Option<Route>,
    /// (first hop, its best route's score), best first; within three hops the scores are
    /// exact, beyond that an upper bound.
    pub reaching: Vec<(u32, f64)>,
}

pub fn ways_in(graph: &Graph, first_hops: &[FirstHop], targets: &[u32], max_hops: u8) -> WaysIn {
    match primaries(graph, first_hops, targets, max_hops, 1) {
        Some((_, mut routes, reaching)) => WaysIn {
            best: routes.pop().map(|(route, _)| route),
            reaching,
        },
        None => WaysIn {
            best: None,
            reaching: Vec::new(),
        },
    }
}

/// The backward programme for `targets`, the best routes of the `limit` best first hops
/// (ranked), and every first hop's estimated score (best first); `None` when nothing can
/// start or end a route. Routes are traced in order of their estimate until `limit` of
/// them score at least the next estimate, so a route that fell back to the exact search
/// (and scored below its estimate) still takes its right place.
#[allow(clippy::type_complexity)]
fn primaries(
    graph: &Graph,
    first_hops: &[FirstHop],
    targets: &[u32],
    max_hops: u8,
    limit: usize,
) -> Option<(Ladder, Vec<(Route, FirstHop)>, Vec<(u32, f64)>)> {
    if max_hops == 0 || limit == 0 {
        return None;
    }
    let n = graph.node_count();
    let mut is_target = vec![false; n as usize];
    for &t in targets.iter().filter(|&&t| t < n) {
        is_target[t as usize] = true;
    }
    let hops = usable_first_hops(first_hops, n);
    if hops.is_empty() || !is_target.contains(&true) {
        return None;
    }
    let ties = usize::from(max_hops) - 1;
    let ladder = Ladder::climb(graph, is_target, ties.saturating_sub(1));

    let mut estimated: Vec<(f64, FirstHop)> = hops
        .iter()
        .map(|&hop| (ladder.estimate(graph, hop, ties), hop))
        .filter(|(score, _)| *score > 0.0)
        .collect();
    estimated.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.node.cmp(&b.1.node)));

    let mut primaries: Vec<(Route, FirstHop)> = Vec::new();
    for (i, &(_, hop)) in estimated.iter().enumerate() {
        let route = if ladder.is_target[hop.node as usize] {
            Some(Route {
                nodes: vec![hop.node],
                edges: Vec::new(),
                score: hop.weight,
                alternate: false,
            })
        } else {
            ladder.primary(graph, hop, ties).or_else(|| {
                // The ladder's route repeated someone, which the argument in `trace` rules
                // out; answer exactly anyway rather than return a loop.
                let mut search = Search::new(graph, &ladder, 1, false);
                search.from(hop, ties, &[]);
                search.kept.pop()
            })
        };
        primaries.extend(route.map(|r| (r, hop)));
        if primaries.len() >= limit {
            primaries.sort_by(|a, b| rank(&a.0, &b.0));
            let kth = primaries[limit - 1].0.score;
            // Strictly above: an equal estimate might still win on fewer people.
            if estimated.get(i + 1).is_none_or(|next| kth > next.0) {
                break;
            }
        }
    }
    primaries.sort_by(|a, b| rank(&a.0, &b.0));
    primaries.truncate(limit);
    let reaching = estimated
        .iter()
        .map(|(score, hop)| (hop.node, *score))
        .collect();
    Some((ladder, primaries, reaching))
}

/// For each person, what the best route starting with them scores when the seeker's own
/// step weighs 1: the best product of tie weights to a target within `max_hops − 1` ties
/// (1.0 for a target itself; 0.0 where no target is in reach). Since the seeker's step
/// weighs at most 1, this bounds the score of any route through them, so a caller can
/// weigh first hops in this order and stop once the `k`-th best score found beats the
/// next bound. The last layer may count a route that loops back through the person, so
/// it is an upper bound, exact whenever `max_hops <= 3`.
pub fn route_bounds(graph: &Graph, targets: &[u32], max_hops: u8) -> Vec<f64> {
    let n = graph.node_count();
    let mut bound = vec![0.0f64; n as usize];
    if max_hops == 0 {
        return bound;
    }
    let mut is_target = vec![false; n as usize];
    for &t in targets.iter().filter(|&&t| t < n) {
        is_target[t as usize] = true;
    }
    let ties = usize::from(max_hops) - 1;
    let ladder = Ladder::climb(graph, is_target, ties.saturating_sub(1));
    for v in 0..n {
        bound[v as usize] = if ladder.is_target[v as usize] {
            1.0
        } else if ties == 0 {
            0.0
        } else {
            graph
                .list(v)
                .iter()
                .map(|slot| f64::from(slot.weight) * ladder.value(ties - 1, slot.to))
                .fold(0.0, f64::max)
        };
    }
    bound
}

/// The first hops that can start a route, one per person with the larger weight, by person.
fn usable_first_hops(first_hops: &[FirstHop], n: u32) -> Vec<FirstHop> {
    let mut hops: Vec<FirstHop> = first_hops
        .iter()
        .filter(|h| h.node < n && h.weight > 0.0)
        .copied()
        .collect();
    hops.sort_by(|a, b| a.node.cmp(&b.node).then(b.weight.total_cmp(&a.weight)));
    hops.dedup_by_key(|h| h.node);
    hops
}

/// The best score of a route from the seeker to each person within `max_hops` edges
/// (counting the seeker's own), indexed by person; 0.0 where there is none. Unlike a
/// [`best_routes`] route, these may pass through anyone. Products are taken from the
/// seeker's end, so they can differ from [`Route::score`] in the last bits.
pub fn reach(graph: &Graph, first_hops: &[FirstHop], max_hops: u8) -> Vec<f64> {
    let n = graph.node_count();
    let mut score = vec![0.0f64; n as usize];
    if max_hops == 0 {
        return score;
    }
    let mut frontier = Vec::new();
    for hop in usable_first_hops(first_hops, n) {
        score[hop.node as usize] = hop.weight;
        frontier.push(hop.node);
    }
    // `grown_at[v]` is the last layer that improved `v`, so each layer lists `v` once.
    let mut grown_at = vec![0u8; n as usize];
    for layer in 1..max_hops {
        // Values as they stood before this layer, so that one layer adds one tie, never two.
        let before: Vec<(u32, f64)> = frontier.iter().map(|&u| (u, score[u as usize])).collect();
        frontier.clear();
        for (u, from_u) in before {
            for slot in graph.list(u) {
                let v = slot.to as usize;
                let candidate = from_u * f64::from(slot.weight);
                if candidate > score[v] {
                    score[v] = candidate;
                    if grown_at[v] != layer {
                        grown_at[v] = layer;
                        frontier.push(v as u32);
                    }
                }
            }
        }
        if frontier.is_empty() {
            break;
        }
    }
    score
}

/// The first step of a best route from a person: which neighbour, along which tie.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Step {
    node: u32,
    edge: u32,
}

/// Where a route stops: at a target, or nowhere for people who reach none.
const STOP: Step = Step {
    node: u32::MAX,
    edge: u32::MAX,
};

/// The backward programme. Layer `h` holds, for each person, the best product of tie
/// weights to the first target met using at most `h` ties, and the first step of that route.
struct Ladder {
    best: Vec<Vec<f64>>,
    next: Vec<Vec<Step>>,
    is_target: Vec<bool>,
}

impl Ladder {
    /// Layers `0..=top`; fewer when a layer changes nothing (every later one would equal it).
    fn climb(graph: &Graph, is_target: Vec<bool>, top: usize) -> Ladder {
        let n = is_target.len();
        let mut ground = vec![0.0f64; n];
        let mut frontier = Vec::new();
        for (v, _) in is_target.iter().enumerate().filter(|(_, t)| **t) {
            ground[v] = 1.0;
            frontier.push(v as u32);
        }
        let mut ladder = Ladder {
            best: vec![ground],
            next: vec![vec![STOP; n]],
            is_target,
        };
        let mut grown_at = vec![0usize; n];
        for h in 1..=top {
            let (below, below_next) = match (ladder.best.last(), ladder.next.last()) {
                (Some(b), Some(s)) => (b, s),
                _ => break,
            };
            let mut best = below.clone();
            let mut next = below_next.clone();
            let mut grown = Vec::new();
            // Only people who improved in the layer below can improve anyone in this one:
            // the others' offers were already made.
            for &u in &frontier {
                let from_u = below[u as usize];
                for slot in graph.list(u) {
                    let v = slot.to as usize;
                    if ladder.is_target[v] {
                        continue;
                    }
                    let candidate = f64::from(slot.weight) * from_u;
                    let here = grown_at[v] == h;
                    // Strictly better, or equal to a value first reached in this layer from
                    // a smaller neighbour. Never equal to a value from a lower layer: fewer
                    // ties win ties, which is also what keeps `trace` loopless.
                    if candidate > best[v] || (here && candidate == best[v] && u < next[v].node) {
                        best[v] = candidate;
                        next[v] = Step {
                            node: u,
                            edge: slot.edge,
                        };
                        if !here {
                            grown_at[v] = h;
                            grown.push(v as u32);
                        }
                    }
                }
            }
            ladder.best.push(best);
            ladder.next.push(next);
            if grown.is_empty() {
                break;
            }
            frontier = grown;
        }
        ladder
    }

    /// `best[h][v]`, reading the top layer for any `h` above it.
    fn value(&self, h: usize, v: u32) -> f64 {
        let layer = self.best.get(h).or(self.best.last());
        layer
            .and_then(|l| l.get(v as usize))
            .copied()
            .unwrap_or(0.0)
    }

    fn step(&self, h: usize, v: u32) -> Step {
        let layer = self.next.get(h).or(self.next.last());
        layer
            .and_then(|l| l.get(v as usize))
            .copied()
            .unwrap_or(STOP)
    }

    /// The best route from a first hop who is not a target, using at most `ties` ties.
    /// `None` when no target is in reach, and also in the case `trace` guards against.
    /// The best product of tie weights from a first hop to a target within `ties` ties,
    /// and the first step of that route. The top layer is needed only at first hops, so
    /// it is pulled here rather than pushed across the whole graph.
    fn first_step(&self, graph: &Graph, node: u32, ties: usize) -> (f64, Step) {
        if ties == 0 {
            return (0.0, STOP);
        }
        let below = ties - 1;
        let base = self.value(below, node);
        let (mut best, mut step) = (base, self.step(below, node));
        for slot in graph.list(node) {
            let u = slot.to;
            let candidate = f64::from(slot.weight) * self.value(below, u);
            if candidate > best || (best > base && candidate == best && u < step.node) {
                best = candidate;
                step = Step {
                    node: u,
                    edge: slot.edge,
                };
            }
        }
        (best, step)
    }

    /// What the first hop's best route scores, without tracing it: exact whenever the
    /// traced route has no loop (always within three hops), else an upper bound.
    fn estimate(&self, graph: &Graph, hop: FirstHop, ties: usize) -> f64 {
        if self.is_target[hop.node as usize] {
            return hop.weight;
        }
        hop.weight * self.first_step(graph, hop.node, ties).0
    }

    fn primary(&self, graph: &Graph, hop: FirstHop, ties: usize) -> Option<Route> {
        let (best, step) = self.first_step(graph, hop.node, ties);
        if best <= 0.0 {
            return None;
        }
        let (nodes, edges) = self.trace(hop.node, step, ties)?;
        Some(Route {
            nodes,
            edges,
            score: hop.weight * best,
            alternate: false,
        })
    }

    /// Follows first steps from `start` (at layer `ties`, first step `step`) to a target.
    ///
    /// Why this cannot loop: let `L(h, v)` be the lowest layer whose value at `v` equals
    /// `best[h][v]`. A value is replaced only by a strictly larger one or within the layer
    /// that first reached it, so the step stored at `(h, v)` is the one set at layer
    /// `L(h, v)`, and the walk from `(h, v)` goes to `(h − 1, u)` with `L(h − 1, u) =
    /// L(h, v) − 1` (a smaller `L` for `u` would have given `v` the same value one layer
    /// lower). So the walk from `v` is the same sequence of exactly `L` steps whatever
    /// layer it starts from. Were `v` met again `d ≥ 1` steps later, the walk from there
    /// would be both that same sequence and `d` steps shorter, which is impossible. Rounding
    /// does not matter: the argument uses only the stored values, never real products.
    /// The check below is defence in depth; `None` sends the caller to the exact search.
    fn trace(&self, start: u32, first: Step, ties: usize) -> Option<(Vec<u32>, Vec<u32>)> {
        let mut nodes = vec![start];
        let mut edges = Vec::new();
        let (mut step, mut h) = (first, ties);
        loop {
            if step == STOP || h == 0 || nodes.contains(&step.node) {
                return None;
            }
            nodes.push(step.node);
            edges.push(step.edge);
            h -= 1;
            if self.is_target[step.node as usize] {
                return Some((nodes, edges));
            }
            step = self.step(h, step.node);
        }
    }
}

/// An exact, pruned depth-first search over simple routes from given first hops, keeping
/// the best `room` routes in [`rank`] order. The ladder bounds every branch from above.
struct Search<'a> {
    graph: &'a Graph,
    ladder: &'a Ladder,
    room: usize,
    alternate: bool,
    kept: Vec<Route>,
    skip: Vec<u32>,
    first_weight: f64,
    nodes: Vec<u32>,
    edges: Vec<u32>,
    weights: Vec<f64>,
}

impl<'a> Search<'a> {
    fn new(graph: &'a Graph, ladder: &'a Ladder, room: usize, alternate: bool) -> Self {
        Search {
            graph,
            ladder,
            room,
            alternate,
            kept: Vec::new(),
            skip: Vec::new(),
            first_weight: 0.0,
            nodes: Vec::new(),
            edges: Vec::new(),
            weights: Vec::new(),
        }
    }

    /// Searches routes from `hop` (not a target) with at most `ties` ties, never keeping
    /// the route `skip`.
    fn from(&mut self, hop: FirstHop, ties: usize, skip: &[u32]) {
        self.skip = skip.to_vec();
        self.first_weight = hop.weight;
        self.nodes = vec![hop.node];
        self.edges.clear();
        self.weights.clear();
        if ties > 0 {
            self.extend(hop.node, ties);
        }
    }

    /// The score of the current route extended by a step whose own product to the end is
    /// `tail`, multiplied in the same order as the ladder's, so that equal means equal.
    fn through(&self, tail: f64) -> f64 {
        self.first_weight * self.weights.iter().rev().fold(tail, |acc, w| w * acc)
    }

    /// Whether some route that extends the current one by `next`, with score at most
    /// `bound` and at least `min_nodes` people, could rank above the worst kept route.
    fn could_enter(&self, bound: f64, min_nodes: usize, next: u32) -> bool {
        let Some(worst) = self.kept.last().filter(|_| self.kept.len() >= self.room) else {
            return true;
        };
        match bound.total_cmp(&worst.score) {
            Ordering::Greater => true,
            Ordering::Less => false,
            Ordering::Equal => match min_nodes.cmp(&worst.nodes.len()) {
                Ordering::Less => true,
                Ordering::Greater => false,
                Ordering::Equal => {
                    let prefix = self.nodes.len() + 1;
                    let ours = self.nodes.iter().chain(std::iter::once(&next));
                    ours.cmp(worst.nodes.iter().take(prefix)) != Ordering::Greater
                }
            },
        }
    }

    fn extend(&mut self, v: u32, ties: usize) {
        let (graph, ladder) = (self.graph, self.ladder);
        // (bound, neighbour, tie weight, tie index): best bound first, so the kept list
        // fills with good routes early and prunes the rest harder.
        let mut steps: Vec<(f64, u32, f64, u32)> = Vec::new();
        for slot in graph.list(v) {
            let u = slot.to;
            if self.nodes.contains(&u) {
                continue;
            }
            let weight = f64::from(slot.weight);
            let target = ladder.is_target[u as usize];
            let tail = if target {
                weight
            } else {
                weight * ladder.value(ties - 1, u)
            };
            if tail <= 0.0 {
                continue;
            }
            let bound = self.through(tail);
            let min_nodes = self.nodes.len() + if target { 1 } else { 2 };
            if self.could_enter(bound, min_nodes, u) {
                steps.push((bound, u, weight, slot.edge));
            }
        }
        steps.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        for (bound, u, weight, edge) in steps {
            let target = ladder.is_target[u as usize];
            let min_nodes = self.nodes.len() + if target { 1 } else { 2 };
            // The kept list may have filled since this step was listed.
            if !self.could_enter(bound, min_nodes, u) {
                continue;
            }
            self.nodes.push(u);
            self.edges.push(edge);
            self.weights.push(weight);
            if target {
                self.offer();
            } else {
                self.extend(u, ties - 1);
            }
            self.nodes.pop();
            self.edges.pop();
            self.weights.pop();
        }
    }

    fn offer(&mut self) {
        if self.nodes == self.skip {
            return;
        }
        let route = Route {
            nodes: self.nodes.clone(),
            edges: self.edges.clone(),
            score: self.through(1.0),
            alternate: self.alternate,
        };
        let at = self
            .kept
            .partition_point(|kept| rank(kept, &route) == Ordering::Less);
        if at < self.room {
            self.kept.insert(at, route);
            self.kept.truncate(self.room);
        }
    }
}

#[cfg(test)]
mod tests;
