//! `kith path` and `kith companies --reachable`: the warm ways in. The store reads only
//! the ties near the targets (`TieStore::tie_neighbourhood`), the relationship engine
//! weighs the seeker's side, `kith_core::path` ranks the routes on a compact graph, and
//! `kith_core::intro` says whether the first person can be asked. docs/paths.md has the
//! rules.

use std::collections::{BTreeMap, HashMap};
use std::time::Instant;

use kith_core::intro::{Readiness, first_hop_weight, readiness};
use kith_core::path::{FirstHop, Graph, Query, Route, best_routes, route_bounds, ways_in};
use kith_core::relationship::{Assessment, Stage};
use kith_core::{Company, Interaction, Person, PersonId, PersonLink, Tie};
use kith_store::{RelationshipRow, StoreError, TieEdge};
use serde_json::{Value, json};

use super::rhythm::{assess_row, first_ideas};
use super::ties::tie_words;
use super::{Ctx, handle, say};
use crate::cli::{PathArgs, PathEngine};
use crate::failure::Failure;
use crate::output;

/// What a path leads into: one person, or anyone currently at a company.
enum Target {
    Person(Person),
    Company(Company, Vec<Person>),
}

impl Target {
    fn name(&self) -> &str {
        match self {
            Target::Person(p) => &p.name,
            Target::Company(c, _) => &c.name,
        }
    }

    fn people(&self) -> Vec<PersonId> {
        match self {
            Target::Person(p) => vec![p.id],
            Target::Company(_, staff) => staff.iter().map(|p| p.id).collect(),
        }
    }
}

/// A person handle or a company handle or name; `person:` or `company:` settles a clash.
async fn target(ctx: &Ctx<'_>, text: &str) -> Result<Target, Failure> {
    let (kind, rest) = match text.split_once(':') {
        Some((k @ ("person" | "company"), rest)) => (Some(k), rest),
        _ => (None, text),
    };
    let as_person = match kind {
        Some("company") => None,
        _ => match handle(rest) {
            Ok(h) => match ctx.store.person(&h).await {
                Ok(p) => Some(p),
                Err(StoreError::NotFound { .. }) => None,
                Err(e) => return Err(e.into()),
            },
            Err(_) => None,
        },
    };
    let as_company = match kind {
        Some("person") => None,
        _ => match ctx.store.company(rest).await {
            Ok(c) => Some(c),
            Err(StoreError::NotFound { .. }) => None,
            Err(e) => return Err(e.into()),
        },
    };
    match (as_person, as_company) {
        (Some(p), None) => Ok(Target::Person(p)),
        (None, Some(c)) => {
            let staff = ctx.store.people_at(&c.handle).await?;
            Ok(Target::Company(c, staff))
        }
        (Some(_), Some(_)) => Err(Failure::usage(anyhow::anyhow!(
            "{rest:?} is both a person and a company: say person:{rest} or company:{rest}"
        ))),
        (None, None) => Err(Failure::usage(anyhow::anyhow!(
            "no person or company {rest:?} (kith person list and kith company list show them)"
        ))),
    }
}

/// Person to graph node; tens of thousands of entries on a large network, keyed by the
/// owner's own IDs, so foldhash rather than SipHash.
type PersonIndex = HashMap<PersonId, u32, foldhash::fast::RandomState>;

/// Someone on the loaded graph, with what the relationship engine says about them.
struct Node {
    row: RelationshipRow,
    assessment: Assessment,
}

/// The part of the network a search needs, as a compact graph.
struct Network {
    ids: Vec<PersonId>,
    index: PersonIndex,
    edges: Vec<TieEdge>,
    graph: Graph,
    nodes: Vec<Option<Node>>,
    first_hops: Vec<FirstHop>,
}

/// How many people's relationships are read at once while weighing first hops.
const WEIGH_BATCH: usize = 512;

impl Network {
    /// Reads the ties within `max_hops − 1` of `targets` and weighs the people on them who
    /// could start a path. With `enough` set, people are weighed in the order of their
    /// route bound (`kith_core::path::route_bounds`) and weighing stops once `enough`
    /// routes score above every bound left: the seeker's step weighs at most 1, so no one
    /// left could enter the top. Without it, everyone in reach is weighed.
    async fn load(
        ctx: &Ctx<'_>,
        targets: &[PersonId],
        max_hops: u8,
        enough: Option<usize>,
    ) -> Result<Self, Failure> {
        let started = Instant::now();
        let edges = ctx
            .store
            .tie_neighbourhood(targets, max_hops.saturating_sub(1))
            .await?;
        let read_ties = started.elapsed();
        let mut ids: Vec<PersonId> = Vec::with_capacity(edges.len() + targets.len());
        let mut index = PersonIndex::with_capacity_and_hasher(ids.capacity(), Default::default());
        let mut node = |id: PersonId, ids: &mut Vec<PersonId>| -> u32 {
            *index.entry(id).or_insert_with(|| {
                ids.push(id);
                (ids.len() - 1) as u32
            })
        };
        for t in targets {
            node(*t, &mut ids);
        }
        let weighted: Vec<(u32, u32, f32)> = edges
            .iter()
            .map(|e| {
                let a = node(e.a, &mut ids);
                let b = node(e.b, &mut ids);
                (a, b, e.strength.weight() as f32)
            })
            .collect();
        let graph = Graph::from_edges(ids.len() as u32, &weighted)
            .map_err(|e| Failure::from(anyhow::Error::new(e)))?;
        let target_nodes: Vec<u32> = targets
            .iter()
            .filter_map(|t| index.get(t).copied())
            .collect();
        let bounds = route_bounds(&graph, &target_nodes, max_hops);
        let mut order: Vec<u32> = (0..ids.len() as u32)
            .filter(|&v| bounds[v as usize] > 0.0)
            .collect();
        order.sort_by(|&a, &b| {
            bounds[b as usize]
                .total_cmp(&bounds[a as usize])
                .then(a.cmp(&b))
        });
        let mut net = Network {
            nodes: (0..ids.len()).map(|_| None).collect(),
            ids,
            index,
            edges,
            graph,
            first_hops: Vec::new(),
        };
        // The best scores found so far, best first, at most `enough` of them.
        let mut top: Vec<f64> = Vec::new();
        for batch in order.chunks(WEIGH_BATCH) {
            if let Some(k) = enough {
                let next_bound = bounds[batch[0] as usize];
                if top.len() >= k && top[k - 1] > next_bound {
                    break;
                }
            }
            for hop in net.weigh(ctx, batch).await? {
                if let Some(k) = enough {
                    let score = hop.weight * bounds[hop.node as usize];
                    let at = top.partition_point(|&s| s >= score);
                    top.insert(at, score);
                    top.truncate(k);
                }
                net.first_hops.push(hop);
            }
        }
        net.first_hops.sort_by_key(|h| h.node);
        tracing::debug!(
            target: "kith::timing",
            ties_us = read_ties.as_micros() as u64,
            weigh_and_build_us = (started.elapsed() - read_ties).as_micros() as u64,
            "path load"
        );
        Ok(net)
    }

    /// Reads the relationships of these people, remembers them, and returns the first
    /// hops among them.
    async fn weigh(&mut self, ctx: &Ctx<'_>, nodes: &[u32]) -> Result<Vec<FirstHop>, Failure> {
        let wanted: Vec<PersonId> = nodes
            .iter()
            .filter(|&&n| self.nodes[n as usize].is_none())
            .map(|&n| self.ids[n as usize])
            .collect();
        let mut hops = Vec::new();
        for row in ctx.store.relationships_of(&wanted).await? {
            let Some(&i) = self.index.get(&row.person.id) else {
                continue;
            };
            let assessment = assess_row(ctx, &row);
            if let Some(weight) = first_hop_weight(&assessment) {
                hops.push(FirstHop { node: i, weight });
            }
            self.nodes[i as usize] = Some(Node { row, assessment });
        }
        Ok(hops)
    }

    /// Reads whoever on these routes was not read while weighing (people further along).
    async fn read_routes(&mut self, ctx: &Ctx<'_>, routes: &[Route]) -> Result<(), Failure> {
        let missing: Vec<u32> = routes
            .iter()
            .flat_map(|r| r.nodes.iter().copied())
            .collect();
        self.weigh(ctx, &missing).await.map(drop)
    }

    /// Everyone on the graph was read with it; a person removed meanwhile has no link.
    fn link(&self, node: u32) -> Option<PersonLink> {
        self.nodes[node as usize]
            .as_ref()
            .map(|n| n.row.person.clone())
    }

    fn links(&self, route: &Route) -> Option<Vec<PersonLink>> {
        route.nodes.iter().map(|&n| self.link(n)).collect()
    }

    fn company(&self, node: u32) -> Option<&str> {
        self.nodes[node as usize]
            .as_ref()
            .and_then(|n| n.row.company.as_deref())
    }

    fn routes(&self, targets: &[PersonId], k: usize, max_hops: u8) -> Vec<Route> {
        let targets: Vec<u32> = targets
            .iter()
            .filter_map(|t| self.index.get(t).copied())
            .collect();
        best_routes(
            &self.graph,
            &Query {
                first_hops: &self.first_hops,
                targets: &targets,
                k,
                max_hops,
            },
        )
    }
}

/// One tie on a shown path, with its evidence.
struct Step {
    from: PersonLink,
    to: PersonLink,
    tie: Option<Tie>,
    together: Option<Interaction>,
}

/// A route as shown: its people, the first person's readiness, each tie's evidence.
struct Shown<'n> {
    route: Route,
    people: Vec<PersonLink>,
    first: &'n Node,
    ready: Readiness,
    steps: Vec<Step>,
}

async fn show_routes<'n>(
    ctx: &Ctx<'_>,
    net: &'n Network,
    routes: Vec<Route>,
) -> Result<Vec<Shown<'n>>, Failure> {
    let tie_ids: Vec<_> = routes
        .iter()
        .flat_map(|r| r.edges.iter().map(|&e| net.edges[e as usize].id))
        .collect();
    let ties: HashMap<_, Tie> = ctx
        .store
        .ties_by_id(&tie_ids)
        .await?
        .into_iter()
        .map(|t| (t.id, t))
        .collect();
    let mut out = Vec::with_capacity(routes.len());
    for route in routes {
        let Some(first) = route
            .nodes
            .first()
            .and_then(|&n| net.nodes[n as usize].as_ref())
        else {
            continue;
        };
        let Some(people) = net.links(&route) else {
            continue;
        };
        let mut steps = Vec::with_capacity(route.edges.len());
        for (i, &e) in route.edges.iter().enumerate() {
            let (from, to) = (people[i].clone(), people[i + 1].clone());
            let together = ctx.store.last_together(from.id, to.id).await?;
            steps.push(Step {
                tie: ties.get(&net.edges[e as usize].id).cloned(),
                from,
                to,
                together,
            });
        }
        out.push(Shown {
            ready: readiness(first.assessment.stage.value),
            route,
            people,
            first,
            steps,
        });
    }
    Ok(out)
}

pub(crate) async fn path(ctx: &Ctx<'_>, args: PathArgs) -> Result<(), Failure> {
    let target = target(ctx, &args.target).await?;
    let targets = target.people();
    if args.engine == PathEngine::Cte {
        return cte(ctx, &targets, &args).await;
    }
    let started = Instant::now();
    let k = args.k as usize;
    let mut net = Network::load(ctx, &targets, args.max_hops, Some(k)).await?;
    let loaded = started.elapsed();
    let routes = net.routes(&targets, k, args.max_hops);
    let searched = started.elapsed() - loaded;
    net.read_routes(ctx, &routes).await?;
    tracing::info!(
        target: "kith::timing",
        engine = "graph",
        load_us = loaded.as_micros() as u64,
        search_us = searched.as_micros() as u64,
        ties = net.edges.len(),
        people = net.ids.len(),
        weighed = net.nodes.iter().filter(|n| n.is_some()).count(),
        first_hops = net.first_hops.len(),
        "path search"
    );
    let shown = show_routes(ctx, &net, routes).await?;
    let advice = advice(ctx, &shown).await?;
    let start = if shown.is_empty() {
        Some(how_to_start(ctx, &target, args.max_hops).await?)
    } else {
        None
    };
    if ctx.settings.json {
        return output::json(&path_json(&target, &args, &net, &shown, &advice, &start))
            .map_err(Into::into);
    }
    print_paths(ctx, &target, &net, &shown, &advice, start.as_deref())
}

/// What to do next: ask the best ready first person, or nurture the warmest one first.
struct Advice {
    text: String,
    idea: Option<String>,
}

async fn advice(ctx: &Ctx<'_>, shown: &[Shown<'_>]) -> Result<Option<Advice>, Failure> {
    if let Some(best) = shown.iter().find(|s| s.ready.ready) {
        let first = &best.people[0];
        let text = match best.people.len() {
            1 => format!(
                "{} is there already and ready to talk: ask them about the team and how they got in, \
                 before asking for a referral",
                first.name
            ),
            _ => format!(
                "ask {} whether they would introduce you to {} — say in one line why {} and \
                 make it easy to say no",
                first.name, best.people[1].name, best.people[1].name
            ),
        };
        return Ok(Some(Advice { text, idea: None }));
    }
    let Some(warmest) = shown.first() else {
        return Ok(None);
    };
    let nurture = warmest.ready.nurture.clone().unwrap_or_default();
    let row = &warmest.first.row;
    let idea = first_ideas(ctx, &[row]).await?.into_iter().next().flatten();
    Ok(Some(Advice {
        text: format!(
            "no one on these paths is ready to be asked for a favour yet. Nurture {} first \
             ({}: {}): {nurture}",
            row.person.name, warmest.first.assessment.stage.value, warmest.ready.because
        ),
        idea: idea.map(|i| i.text),
    }))
}

fn step_json(step: &Step) -> Value {
    json!({
        "from": step.from,
        "to": step.to,
        "how": step.tie.as_ref().map(|t| t.kind),
        "strength": step.tie.as_ref().map(|t| t.strength),
        "inferred": step.tie.as_ref().map(|t| t.inferred),
        "note": step.tie.as_ref().and_then(|t| t.note.clone()),
        "last_together": step.together.as_ref().map(|i| json!({
            "kind": i.kind, "occurred_at": i.occurred_at, "note": i.note,
        })),
    })
}

fn path_json(
    target: &Target,
    args: &PathArgs,
    net: &Network,
    shown: &[Shown<'_>],
    advice: &Option<Advice>,
    start: &Option<Vec<String>>,
) -> Value {
    let target_json = match target {
        Target::Person(p) => json!({ "kind": "person", "person": p.link() }),
        Target::Company(c, staff) => json!({
            "kind": "company", "handle": c.handle, "name": c.name, "people": staff.len(),
        }),
    };
    let paths: Vec<Value> = shown
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let a = &s.first.assessment;
            json!({
                "rank": i + 1,
                "score": (s.route.score * 10_000.0).round() / 10_000.0,
                "alternate": s.route.alternate,
                "people": s.people,
                "target_company": s.route.nodes.last().and_then(|&n| net.company(n)),
                "first_hop": {
                    "person": s.people[0],
                    "stage": a.stage.value,
                    "strength": (a.strength.value * 1000.0).round() / 1000.0,
                    "last_touch": a.last_touch,
                    "ready": s.ready.ready,
                    "because": s.ready.because,
                    "nurture": s.ready.nurture,
                },
                "ties": s.steps.iter().map(step_json).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({
        "target": target_json,
        "k": args.k,
        "max_hops": args.max_hops,
        "paths": paths,
        "ready": shown.iter().any(|s| s.ready.ready),
        "advice": advice.as_ref().map(|a| json!({ "text": a.text, "idea": a.idea })),
        "how_to_start": start,
    })
}

fn print_paths(
    ctx: &Ctx<'_>,
    target: &Target,
    net: &Network,
    shown: &[Shown<'_>],
    advice: &Option<Advice>,
    start: Option<&[String]>,
) -> Result<(), Failure> {
    let tz = ctx.settings.now.time_zone();
    let mut text = String::new();
    let what = match target {
        Target::Person(p) => p.name.clone(),
        Target::Company(c, staff) if staff.len() == 1 => {
            format!("{} (1 person recorded there)", c.name)
        }
        Target::Company(c, staff) => format!("{} ({} people recorded there)", c.name, staff.len()),
    };
    if let Some(lines) = start {
        text.push_str(&format!(
            "No path yet into {}. Here is how to start:\n",
            target.name()
        ));
        for line in lines {
            text.push_str(&format!("  • {line}\n"));
        }
        return say(text.trim_end());
    }
    text.push_str(&format!("Warm paths to {what}, best first:\n"));
    for (i, s) in shown.iter().enumerate() {
        let names: Vec<&str> = s.people.iter().map(|p| p.name.as_str()).collect();
        let flag = if s.ready.ready {
            "ready to ask"
        } else {
            "not ready"
        };
        let alt = if s.route.alternate {
            " (another way through the same person)"
        } else {
            ""
        };
        text.push_str(&format!(
            "\n{}. you → {}   score {:.3} · {}{alt}\n",
            i + 1,
            names.join(" → "),
            s.route.score,
            output::strong(flag, ctx.settings)
        ));
        let a = &s.first.assessment;
        let last = a
            .last_touch
            .map(|t| format!(", last touch {}", output::when(t, tz)))
            .unwrap_or_default();
        text.push_str(&format!(
            "   you – {}: {}, strength {:.2}{last} — {}\n",
            s.people[0].name, a.stage.value, a.strength.value, s.ready.because
        ));
        if let (1, Target::Company(c, _)) = (s.people.len(), target) {
            text.push_str(&format!(
                "   {} works at {} already: no introduction needed\n",
                s.people[0].name, c.name
            ));
        }
        for step in &s.steps {
            let how = step.tie.as_ref().map(tie_words).unwrap_or_default();
            let note = step
                .tie
                .as_ref()
                .and_then(|t| t.note.as_deref())
                .map(|n| format!(" “{n}”"))
                .unwrap_or_default();
            let together = step
                .together
                .as_ref()
                .map(|i| {
                    format!(
                        "; together {} ({})",
                        output::when(i.occurred_at, tz),
                        i.kind
                    )
                })
                .unwrap_or_default();
            text.push_str(&format!(
                "   {} – {}: {how}{note}{together}\n",
                step.from.name, step.to.name
            ));
        }
        if let (Some(company), Target::Person(_)) =
            (s.route.nodes.last().and_then(|&n| net.company(n)), target)
        {
            text.push_str(&format!(
                "   {} works at {company}\n",
                s.people[s.people.len() - 1].name
            ));
        }
    }
    if let Some(advice) = advice {
        text.push_str(&format!("\nNext: {}", advice.text));
        if let Some(idea) = &advice.idea {
            text.push_str(&format!("\n  A first touch: {idea}"));
        }
        text.push('\n');
    }
    text.push_str(
        "\nScore: your relationship's strength × each tie's strength ÷ 5 (docs/paths.md).",
    );
    say(&text)
}

/// What to do when nothing connects the seeker to the target yet: the people recorded
/// there, former staff the seeker knows, the communities the people there belong to and
/// the events of those communities, and who the seeker knows in them.
async fn how_to_start(
    ctx: &Ctx<'_>,
    target: &Target,
    max_hops: u8,
) -> Result<Vec<String>, Failure> {
    let mut lines = Vec::new();
    let (company, staff): (Option<&Company>, Vec<&Person>) = match target {
        Target::Person(p) => (None, vec![p]),
        Target::Company(c, staff) => (Some(c), staff.iter().collect()),
    };
    let name = target.name();
    if staff.is_empty() {
        lines.push(format!(
            "You have recorded nobody at {name} yet. Find the people there (its engineering blog, \
             talks, open-source work) and record them: kith person add \"Name\" --company \"{name}\"."
        ));
    } else {
        let names: Vec<&str> = staff.iter().take(5).map(|p| p.name.as_str()).collect();
        let more = if staff.len() > 5 {
            format!(" and {} more", staff.len() - 5)
        } else {
            String::new()
        };
        lines.push(format!(
            "Nobody you know is tied to {} within {max_hops} steps. Record who knows whom as you \
             learn it (kith knows A B --how colleague) and paths will appear.",
            names.join(", ") + &more
        ));
    }
    if let Some(company) = company {
        let former = ctx.store.former_staff(company).await?;
        if !former.is_empty() {
            let names: Vec<String> = former
                .iter()
                .take(5)
                .map(|p| format!("{} ({})", p.name, p.handle))
                .collect();
            lines.push(format!(
                "You know people who used to work at {name}: {}. Ask them what it is like and who \
                 they still know there — advice first, never a favour in the first message.",
                names.join(", ")
            ));
        }
    }
    // Shared backgrounds among the people there: a school's alumni, former colleagues.
    let alumni: Vec<&str> = staff
        .iter()
        .filter(|p| p.tags.iter().any(|t| t == "alumni" || t == "ex-colleague"))
        .map(|p| p.name.as_str())
        .collect();
    if !alumni.is_empty() {
        lines.push(format!(
            "{} shares your background (tagged alumni or ex-colleague): a shared school or past \
             team is a natural personal first message that asks for nothing.",
            alumni.join(", ")
        ));
    }
    // The communities of the people there, by how many of them carry the tag.
    let mut tags: BTreeMap<&str, usize> = BTreeMap::new();
    for p in &staff {
        for t in &p.tags {
            if t != "alumni" && t != "ex-colleague" {
                *tags.entry(t.as_str()).or_default() += 1;
            }
        }
    }
    let mut ranked: Vec<(&str, usize)> = tags.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let communities: Vec<&str> = ranked.iter().take(3).map(|(t, _)| *t).collect();
    let today = ctx.settings.today();
    let events: Vec<_> = ctx
        .store
        .events()
        .await?
        .into_iter()
        .filter(|e| e.date >= today)
        .filter(|e| {
            e.tags.iter().any(|t| communities.contains(&t.as_str()))
                || e.name.to_lowercase().contains(&name.to_lowercase())
        })
        .take(3)
        .collect();
    if !communities.is_empty() {
        lines.push(format!(
            "People at {name} are in these communities: {}.",
            communities.join(", ")
        ));
    }
    for e in &events {
        lines.push(format!(
            "Go to {} on {}{} (kith event show {}) — meet people in that community in person.",
            e.name,
            e.date,
            e.place
                .as_deref()
                .map(|p| format!(" in {p}"))
                .unwrap_or_default(),
            e.number
        ));
    }
    let mut insiders: Vec<String> = Vec::new();
    for tag in &communities {
        let people = ctx
            .store
            .people(&kith_store::PersonFilter {
                tag: Some((*tag).to_owned()),
                company: None,
                limit: Some(500),
            })
            .await?;
        let ids: Vec<PersonId> = people.iter().map(|p| p.id).collect();
        for row in ctx.store.relationships_of(&ids).await? {
            let a = assess_row(ctx, &row);
            if readiness(a.stage.value).ready && insiders.len() < 5 {
                insiders.push(format!("{} ({tag}, {})", row.person.name, a.stage.value));
            }
        }
    }
    if !insiders.is_empty() {
        lines.push(format!(
            "People you are on good terms with in those communities: {}. Ask what they know of \
             {name} and its people.",
            insiders.join(", ")
        ));
    }
    if events.is_empty() && !communities.is_empty() {
        lines.push(format!(
            "No upcoming events of those communities recorded: add the meetups you find \
             (kith event add NAME --date DATE --tag {}).",
            communities[0]
        ));
    }
    Ok(lines)
}

/// The recursive-SQL baseline, for the benchmark: the same first hops and weights, the
/// answer as one query, printed as JSON.
async fn cte(ctx: &Ctx<'_>, targets: &[PersonId], args: &PathArgs) -> Result<(), Failure> {
    let started = Instant::now();
    let rows = ctx.store.relationships().await?;
    let first_hops: Vec<(PersonId, f64)> = rows
        .iter()
        .filter_map(|row| first_hop_weight(&assess_row(ctx, row)).map(|w| (row.person.id, w)))
        .collect();
    let loaded = started.elapsed();
    let routes = ctx
        .store
        .paths_by_cte(&first_hops, targets, args.k as usize, args.max_hops)
        .await?;
    let searched = started.elapsed() - loaded;
    tracing::info!(
        target: "kith::timing",
        engine = "cte",
        load_us = loaded.as_micros() as u64,
        search_us = searched.as_micros() as u64,
        first_hops = first_hops.len(),
        "path search"
    );
    let paths: Vec<Value> = routes
        .iter()
        .map(|r| json!({ "people": r.people, "score": (r.score * 10_000.0).round() / 10_000.0 }))
        .collect();
    output::json(&json!({ "engine": "cte", "paths": paths })).map_err(Into::into)
}

/// The best way into one company, as `kith companies --reachable` and `kith lead list`
/// show it.
pub(crate) struct WayIn {
    pub(crate) company: Company,
    /// People recorded there now.
    pub(crate) people: usize,
    /// The best route: its people (first step … someone there) and score.
    pub(crate) best: Option<(Vec<PersonLink>, f64)>,
    /// The first step of the best route, with their relationship's stage.
    pub(crate) first: Option<(PersonLink, Stage)>,
    /// Distinct first steps with a route in, and how many of them can be asked now.
    pub(crate) routes: usize,
    pub(crate) ready: usize,
}

/// The best way into each company (within `max_hops`), computed on one graph of the ties
/// near all of them, in the order given.
pub(crate) async fn ways_into(
    ctx: &Ctx<'_>,
    companies: Vec<Company>,
    max_hops: u8,
) -> Result<Vec<WayIn>, Failure> {
    let mut staff: Vec<(Company, Vec<PersonId>)> = Vec::with_capacity(companies.len());
    for c in companies {
        let people = ctx.store.people_at(&c.handle).await?;
        staff.push((c, people.iter().map(|p| p.id).collect()));
    }
    let everyone: Vec<PersonId> = staff.iter().flat_map(|(_, p)| p.iter().copied()).collect();
    let net = Network::load(ctx, &everyone, max_hops, None).await?;
    Ok(staff
        .into_iter()
        .map(|(company, people)| {
            let targets: Vec<u32> = people
                .iter()
                .filter_map(|p| net.index.get(p).copied())
                .collect();
            let ways = ways_in(&net.graph, &net.first_hops, &targets, max_hops);
            let ready = ways
                .reaching
                .iter()
                .filter(|(n, _)| {
                    net.nodes[*n as usize]
                        .as_ref()
                        .is_some_and(|n| readiness(n.assessment.stage.value).ready)
                })
                .count();
            let first = ways.best.as_ref().and_then(|b| {
                let n = *b.nodes.first()?;
                let node = net.nodes[n as usize].as_ref()?;
                Some((net.link(n)?, node.assessment.stage.value))
            });
            WayIn {
                company,
                people: people.len(),
                best: ways
                    .best
                    .as_ref()
                    .and_then(|b| Some((net.links(b)?, b.score))),
                first,
                routes: ways.reaching.len(),
                ready,
            }
        })
        .collect())
}

pub(crate) async fn reachable(ctx: &Ctx<'_>, max_hops: u8) -> Result<(), Failure> {
    let companies: Vec<Company> = ctx
        .store
        .companies()
        .await?
        .into_iter()
        .filter(|c| c.company.target)
        .map(|c| c.company)
        .collect();
    let mut rows = ways_into(ctx, companies, max_hops).await?;
    let score = |r: &WayIn| r.best.as_ref().map_or(-1.0, |b| b.1);
    rows.sort_by(|a, b| {
        score(b)
            .total_cmp(&score(a))
            .then_with(|| a.company.name.cmp(&b.company.name))
    });
    if ctx.settings.json {
        let list: Vec<Value> = rows
            .iter()
            .map(|r| {
                json!({
                    "company": { "handle": r.company.handle, "name": r.company.name },
                    "people": r.people,
                    "best_score": r.best.as_ref().map(|b| (b.1 * 10_000.0).round() / 10_000.0),
                    "best_path": r.best.as_ref().map(|b| &b.0),
                    "first_hop": r.first.as_ref().map(|(link, stage)| json!({
                        "person": link,
                        "stage": stage,
                        "ready": readiness(*stage).ready,
                    })),
                    "ways_in": r.routes,
                    "ready_ways_in": r.ready,
                })
            })
            .collect();
        return output::json(&list).map_err(Into::into);
    }
    if rows.is_empty() {
        return say(
            "No target companies yet. Mark one with: kith company edit HANDLE --target (or add --target).",
        );
    }
    let mut table = output::table(
        ctx.settings,
        &[
            "company",
            "best score",
            "best way in",
            "first step",
            "ways in",
            "ready",
            "people there",
        ],
    );
    for r in &rows {
        let path = r
            .best
            .as_ref()
            .map(|(people, _)| {
                people
                    .iter()
                    .map(|p| p.name.as_str())
                    .collect::<Vec<_>>()
                    .join(" → ")
            })
            .unwrap_or_else(|| "no path yet (kith path shows how to start)".into());
        table.add_row(vec![
            r.company.name.clone(),
            r.best
                .as_ref()
                .map(|b| format!("{:.3}", b.1))
                .unwrap_or_default(),
            path,
            r.first
                .as_ref()
                .map(|(_, stage)| {
                    let stage = *stage;
                    let ready = if readiness(stage).ready {
                        "ready"
                    } else {
                        "nurture first"
                    };
                    format!("{stage}, {ready}")
                })
                .unwrap_or_default(),
            r.routes.to_string(),
            r.ready.to_string(),
            r.people.to_string(),
        ]);
    }
    output::print_table(&table)?;
    Ok(())
}
